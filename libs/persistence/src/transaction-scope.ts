import { AsyncLocalStorage } from 'node:async_hooks';
import { Tx } from './transaction';

/**
 * Work that must commit with whatever transaction the code below it opens, without that code
 * knowing: the back-office bridge records a command's message id in the transaction of the
 * change the command makes (at most once per message id), around services written for REST.
 * `beforeCommit` runs in each transaction that commits inside the scope, after its work and
 * before COMMIT; throwing there rolls the transaction back.
 */
export interface TransactionScope {
  beforeCommit(tx: Tx): Promise<void>;
}

const scopes = new AsyncLocalStorage<TransactionScope>();

/** Runs `work` with `scope` joined to every transaction it opens. */
export function withTransactionScope<T>(scope: TransactionScope, work: () => Promise<T>): Promise<T> {
  return scopes.run(scope, work);
}

export function currentTransactionScope(): TransactionScope | undefined {
  return scopes.getStore();
}
