import { type Logger } from "../commands/context";
import { type DeliveryTarget, type Job } from "../contracts";
import { type Clock } from "../domain/clock";
import { type ConversationRecord, type Repositories } from "../store/repositories";
import { type ProactiveSender, type SendOutcome } from "../teams";
import { type AdaptiveCard } from "../teams/cards";

/**
 * Called by the sender once the rate limits allow the send, right before the HTTP call.
 * The scheduler records the job as "sending" there; false means the lease was lost (or
 * the record could not be written) and nothing may be sent.
 */
export type BeforeSend = () => Promise<boolean>;

/**
 * Resolves the target's conversation, renders the notice and sends it. Implementations
 * must call `beforeSend` (when given) right before the HTTP call and must not send when it
 * resolves false — pass it on as the sender's `beforeSend` option.
 */
export type DeliverFn = (target: DeliveryTarget, notice: Record<string, unknown>, job: Job, beforeSend?: BeforeSend) => Promise<SendOutcome>;

export interface DeliveryDeps {
  repos: Pick<Repositories, "directory">;
  sender: ProactiveSender;
  /** Notice → card; null when this notice kind has no card (the job then fails, it would never succeed). */
  render: (notice: Record<string, unknown>) => AdaptiveCard | null;
  clock: Clock;
  log: Logger;
  /**
   * Longest wait for a rate-limit slot before the job is put back as throttled; keep it
   * well under the scheduler's lease. Default 10 s.
   */
  maxWaitMs?: number;
}

/** What a target without a usable conversation yields: gone, without any HTTP call. */
export const NO_CONVERSATION: SendOutcome = { status: "gone", httpStatus: 404 };

/**
 * The default `deliver` for the scheduler: the conversation comes from the directory at
 * send time (a reinstall since the job was planned is honoured), a person without a
 * personal chat gets one opened through their community's channel (when the sender can),
 * another missing or a gone record is `gone` without sending, and a 403/404 from Teams marks the record gone so later jobs
 * skip it. One HTTP attempt per call: retries are the scheduler's, through the job.
 */
export function createDelivery(deps: DeliveryDeps): DeliverFn {
  const { directory } = deps.repos;

  /**
   * A person the bot has no chat with yet (a newcomer to a team): the chat is opened through
   * the channel of a community they belong to and stored, so it is opened once. Null when
   * no such channel is known; a failure to open is the delivery's outcome.
   */
  async function openPersonal(target: Extract<DeliveryTarget, { kind: "personal" }>, job: Job): Promise<ConversationRecord | SendOutcome | null> {
    if (!deps.sender.openPersonalChat) return null;
    let via: ConversationRecord | null = null;
    for (const membership of await directory.getMemberships(target.tenantId, target.userId)) {
      const channel = await directory.getCommunityChannel(target.tenantId, membership.communityId);
      if (channel && !channel.goneAt) {
        via = channel;
        break;
      }
    }
    if (!via) return null;
    const opened = await deps.sender.openPersonalChat(via.reference, { tenantId: target.tenantId, userId: target.userId });
    if (opened.status !== "opened") return opened;
    const record: ConversationRecord = { tenantId: target.tenantId, conversationId: opened.conversationId, scope: "personal", userId: target.userId, reference: opened.reference, updatedAt: deps.clock.now().toISOString() };
    await directory.saveConversation(record);
    deps.log.info({ event: "personal_chat_opened", jobId: job.id }, "opened a personal chat to deliver to");
    return record;
  }

  return async (target, notice, job, beforeSend) => {
    let record: ConversationRecord | null =
      target.kind === "personal" ? await directory.getPersonalConversation(target.tenantId, target.userId) : await directory.getCommunityChannel(target.tenantId, target.communityId);
    if (!record && target.kind === "personal") {
      const opened = await openPersonal(target, job);
      if (opened && "status" in opened) return opened;
      record = opened;
    }
    if (!record || record.goneAt) {
      deps.log.info({ event: "delivery_no_conversation", jobId: job.id, target: target.kind, reason: record ? "gone" : "missing" }, "no conversation to deliver to; dropped");
      return NO_CONVERSATION;
    }
    const card = deps.render(notice);
    if (!card) {
      deps.log.error({ event: "delivery_unrenderable", jobId: job.id, noticeKind: typeof notice.kind === "string" ? notice.kind : null }, "no card for this notice kind");
      return { status: "failed", retryable: false };
    }
    const outcome = await deps.sender.sendCard(record.reference, card, { tenantId: target.tenantId, attempts: 1, beforeSend, maxWaitMs: deps.maxWaitMs ?? 10_000 });
    if (outcome.status === "gone") {
      try {
        await directory.markConversationGone(record, deps.clock.now().toISOString());
      } catch (err) {
        deps.log.warn({ event: "conversation_mark_gone_failed", jobId: job.id, err: err instanceof Error ? { name: err.name, message: err.message } : String(err) }, "could not mark a conversation gone");
      }
    }
    return outcome;
  };
}
