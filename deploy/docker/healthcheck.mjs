// The container's HEALTHCHECK: GET a health path of this process (default /health/live) over
// loopback, HTTPS when the node serves TLS (TLS_CERT_FILE; its certificate names the public
// host, not loopback, so it is not checked here). Exit 0 when it answers 2xx, else 1.
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';

const path = process.argv[2] ?? '/health/live';
const port = Number(process.env.PORT ?? 3000);
const tls = Boolean(process.env.TLS_CERT_FILE);
const request = (tls ? httpsGet : httpGet)({ host: '127.0.0.1', port, path, timeout: 4000, rejectUnauthorized: false }, (response) => {
  response.resume();
  process.exit(response.statusCode >= 200 && response.statusCode < 300 ? 0 : 1);
});
request.on('timeout', () => request.destroy(new Error('timeout')));
request.on('error', () => process.exit(1));
