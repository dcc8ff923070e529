/** Shapes shared by the bounce readers. */

export interface BounceInfo {
  recipient: string | null;
  permanent: boolean;
  status: string | null;
  diagnostic: string | null;
}

/** One recipient named by a delivery notice. */
export interface DeliveryRecipient {
  /** The address the reporting MTA last tried (RFC 3464 Final-Recipient). */
  recipient: string;
  /**
   * The address as the sender wrote it, when the MTA reports a different one (RFC 3464
   * Original-Recipient, "expanded from <...>"): aliases and forwarding rewrite addresses.
   */
  originalRecipient: string | null;
  permanent: boolean;
  /** RFC 3463 enhanced status code when the notice gives one. */
  status: string | null;
  diagnostic: string | null;
}

/**
 * What a delivery notice reports. `bounce`: final failure; `delay`: still retrying;
 * `success`: delivered or relayed. Only `bounce` makes `detectBounce` answer.
 */
export interface DeliveryReport {
  kind: 'bounce' | 'delay' | 'success';
  recipients: DeliveryRecipient[];
}
