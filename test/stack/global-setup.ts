export default async function globalSetup(): Promise<void> {
  if (!process.env.KAFKA_BROKERS) throw new Error('set KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL');
}
