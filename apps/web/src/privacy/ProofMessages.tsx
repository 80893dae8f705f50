import { useI18n } from '../i18n/i18n';
import { DataTable } from '../ui/DataTable';
import type { ProofMessage } from './api';

/** The signed messages of an exchange, as a reader checks them: who sent what to whom, when, signed by whom, and each recipient's receipt. */
export function ProofMessages({ messages }: { messages: ProofMessage[] }) {
  const { t, tMaybe, dateTime } = useI18n();
  const rows = messages.map((m) => ({ ...m, id: `${m.direction}-${m.messageId}` }));
  return (
    <DataTable rows={rows} columns={[
      { header: t('privacy.sentAt'), cell: (m) => dateTime(m.sentAt) },
      { header: t('privacy.message'), cell: (m) => tMaybe(`privacy.messageType.${m.type}`) ?? m.type },
      { header: t('privacy.direction'), cell: (m) => (m.direction === 'sent' ? t('privacy.sentTo', { nodes: m.recipientNodes.join(', ') }) : t('privacy.receivedFromNode', { node: m.senderNode })) },
      {
        header: t('privacy.signatures'),
        cell: (m) => [
          m.senderSignature ? t('privacy.senderSigned', { node: m.senderNode }) : t('privacy.unsigned'), m.hubSignature ? t('privacy.hubSigned') : null,
          // Once the content is erased, the signatures (over its manifest) still check.
          m.bodyErased ? t('privacy.bodyErased', { date: dateTime(m.bodyErased.at), why: tMaybe(`privacy.erasure.${m.bodyErased.reason}`) ?? m.bodyErased.reason }) : null,
        ].filter(Boolean).join('; '),
      },
      {
        header: t('privacy.receipts'),
        cell: (m) => (m.direction === 'received'
          ? (m.outcome === 'applied' ? t('privacy.messageApplied') : t('privacy.messageRejected', { why: m.outcome ?? '—' }))
          : (m.receipts ?? []).map((r) => (r.appliedAt ? t('privacy.appliedBy', { node: r.node, date: dateTime(r.appliedAt) }) : t('privacy.awaitingConfirmation', { node: r.node }))).join('; ') || '—'),
      },
    ]} />
  );
}
