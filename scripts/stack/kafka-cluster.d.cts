// Types of kafka-cluster.cjs, for the unit test.
export interface StackPorts {
  kafka: number;
  controller: number;
}
export interface KafkaNode {
  /** `kafka` for a single broker, `kafka-1` … for a cluster: the pid file's and `kill`'s name. */
  component: string;
  nodeId: number;
  port: number;
  controllerPort: number;
}
export interface KafkaNet {
  voters: string;
  listeners: string;
  advertised: string;
  clientListeners: string[];
}
interface User {
  username: string;
  password: string;
}
export const BROKER_COUNTS: number[];
export const PORT_STEP: number;
export function checkBrokerCount(count: number): number;
export function kafkaNodes(count: number, ports: StackPorts): KafkaNode[];
export function replication(count: number): { factor: number; minInsync: number };
export function localNet(node: KafkaNode, nodes: KafkaNode[]): KafkaNet;
export function dockerNet(externalPort: number): KafkaNet;
export function kafkaProperties(options: {
  nodeId: number;
  clusterSize: number;
  dataDir: string;
  credentials: { admin: User; hub: User };
  net: KafkaNet;
}): string;
/** A new Kafka cluster id that the format command takes (never starting with '-'). */
export function kafkaClusterId(): string;
