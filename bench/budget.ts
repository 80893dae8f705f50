import { CryptoFloor } from './crypto-floor';
import { round } from './stats';

/**
 * The cryptography of one exchange in the design (ARCHITECTURE.md): the request and its receipt
 * are each signed by their sender, verified and countersigned by the hub, and verified twice
 * (sender's signature, hub's countersignature) by their recipient. Only the request's body is sealed.
 */
export const CRYPTO_PER_EXCHANGE = { signatures: 4, verifications: 6, seals: 1, opens: 1 };

/** Kafka hops of one exchange: request to the hub and on to DE, receipt to the hub and on to FR. */
export const HOPS_PER_EXCHANGE = 4;

export interface Floors {
  /** Signing, verifying, sealing and opening as the design does them, at the speed measured in one core's tight loop. */
  cryptography: number;
  /** Four Kafka hops at the transport baseline's cost (batches of 500, no transactions): broker and client. */
  kafka: number;
  /** The HTTP request that starts an exchange, at the bare web stack's cost: server and client. */
  http: number;
}

export interface Budget {
  exchangesPerSecond: number;
  cores: number;
  /** CPU milliseconds the machine has per exchange at that rate. */
  cpuMsAvailablePerExchange: number;
  /** CPU milliseconds per exchange that no implementation of the design avoids, measured in the same run. */
  floorCpuMsPerExchange: Floors & { total: number };
  /** The most exchanges per second the floors alone leave room for, before Postgres and any code of ours. */
  ceilingPerSecond: number;
  reachable: boolean;
}

/** Whether `exchangesPerSecond` fits on `cores` once the unavoidable parts of each exchange are paid. */
export function budgetAt(
  exchangesPerSecond: number,
  cores: number,
  crypto: Pick<CryptoFloor, 'operations'>,
  kafkaCpuMsPerMessage: number,
  httpCpuMsPerRequest: number,
): Budget {
  const ms = (perSecond: number) => 1000 / perSecond;
  const { eddsaSignDetached, eddsaVerifyDetached, sealPairwiseKek, openPairwiseKek } = crypto.operations;
  const floors: Floors = {
    cryptography: CRYPTO_PER_EXCHANGE.signatures * ms(eddsaSignDetached) + CRYPTO_PER_EXCHANGE.verifications * ms(eddsaVerifyDetached)
      + CRYPTO_PER_EXCHANGE.seals * ms(sealPairwiseKek) + CRYPTO_PER_EXCHANGE.opens * ms(openPairwiseKek),
    kafka: HOPS_PER_EXCHANGE * kafkaCpuMsPerMessage,
    http: httpCpuMsPerRequest,
  };
  const total = floors.cryptography + floors.kafka + floors.http;
  const available = (cores * 1000) / exchangesPerSecond;
  return {
    exchangesPerSecond,
    cores,
    cpuMsAvailablePerExchange: round(available, 3),
    floorCpuMsPerExchange: {
      cryptography: round(floors.cryptography, 3), kafka: round(floors.kafka, 3), http: round(floors.http, 3), total: round(total, 3),
    },
    ceilingPerSecond: Math.floor((cores * 1000) / total),
    reachable: total <= available,
  };
}
