/** The fields of a log line about one message: ids, type and nodes, never its body. */
export interface MessageLogFields {
  messageId: string;
  /** The exchange the message belongs to (a request's or alert's id): not about a person. */
  caseId: string;
  type: string;
  senderNode: string;
  recipientNodes?: string[];
}

export function messageFields(message: { messageId: string; caseId: string; type: string; senderNode: string; recipientNodes?: readonly string[] }): MessageLogFields {
  return {
    messageId: message.messageId,
    caseId: message.caseId,
    type: message.type,
    senderNode: message.senderNode,
    ...(message.recipientNodes ? { recipientNodes: [...message.recipientNodes] } : {}),
  };
}
