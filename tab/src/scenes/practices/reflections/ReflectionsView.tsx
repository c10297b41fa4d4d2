import { useState } from "react";
import { Badge, Button, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { PROMPT_KIND_LABELS, type PostingView, type ReflectionView } from "../../../../../bot/src/contracts";
import { formatDateTime, plural } from "../../../lib/format";
import { EmptyState, ErrorState, LoadingState, messageOf } from "../../../shell/states";
import { LibraryItemLink } from "../../library/LibraryItemLink";
import { libraryItemHref, openLibraryItem } from "../../library/route";
import { cardSurface, plainList, sectionHeading } from "../../sessions/surface";
import { useKept } from "../../sessions/useKept";
import { type PracticesEnv } from "../env";
import { AnswerForm } from "./AnswerForm";
import { ResponseText } from "./ResponseText";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXL },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  heading: sectionHeading,
  list: { ...plainList, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  card: { ...cardSurface, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}` },
  meta: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
  promptText: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  quote: { margin: 0, color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  mine: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, paddingLeft: tokens.spacingHorizontalM, borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}` },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  more: { display: "flex", justifyContent: "center" },
});

const PAGE = 20;

/** The reflections feed: the latest prompts to answer, then everyone's responses, newest first. */
export default function ReflectionsView({ env }: { env: PracticesEnv }) {
  const styles = useStyles();
  const feed = useKept((signal) => env.api.reflections(env.communityId, { limit: PAGE }, signal), [env.api, env.communityId]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>();

  if (feed.status === "loading") return <LoadingState label="Loading reflections…" />;
  if (feed.status === "error") return <ErrorState title="We couldn't load the reflections" error={feed.error} onRetry={feed.reload} />;
  const { postings, items, continuationToken } = feed.data;

  const saved = (posting: PostingView, reflection: ReflectionView) =>
    feed.update((f) => ({
      ...f,
      postings: f.postings.map((p) => (p.id === posting.id ? { ...p, myResponse: reflection, responseCount: p.myResponse ? p.responseCount : p.responseCount + 1 } : p)),
      items: f.items.some((r) => r.id === reflection.id) ? f.items.map((r) => (r.id === reflection.id ? reflection : r)) : [reflection, ...f.items],
    }));

  const loadMore = async () => {
    if (!continuationToken) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const next = await env.api.reflections(env.communityId, { limit: PAGE, continuationToken });
      feed.update((f) => {
        const known = new Set(f.items.map((r) => r.id));
        return { ...f, items: [...f.items, ...next.items.filter((r) => !known.has(r.id))], continuationToken: next.continuationToken };
      });
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  if (postings.length === 0 && items.length === 0)
    return (
      <EmptyState title="No prompts have gone out yet">
        When a facilitator posts a prompt, or the weekly one goes out, you can answer it here or on its card in Teams, and everyone's reflections show here.
      </EmptyState>
    );

  return (
    <div className={styles.view}>
      {postings.length > 0 && (
        <section className={styles.section} aria-labelledby="postings-heading">
          <h3 id="postings-heading" className={styles.heading}>
            Latest prompts
          </h3>
          <ul className={styles.list} aria-labelledby="postings-heading">
            {postings.map((posting) => (
              <li key={posting.id}>
                <Posting env={env} posting={posting} onSaved={(r) => saved(posting, r)} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className={styles.section} aria-labelledby="responses-heading">
        <h3 id="responses-heading" className={styles.heading}>
          Responses
        </h3>
        {items.length === 0 ? (
          <Text className={styles.muted}>No one has answered yet. Yours could be the first.</Text>
        ) : (
          <ul className={styles.list} aria-labelledby="responses-heading" data-testid="responses">
            {items.map((response) => (
              <li key={response.id}>
                <Response
                  env={env}
                  response={response}
                  onPromoted={(artifactId) => feed.update((f) => ({ ...f, items: f.items.map((r) => (r.id === response.id ? { ...r, promotedArtifactId: artifactId } : r)) }))}
                />
              </li>
            ))}
          </ul>
        )}
        {moreError !== undefined && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>We couldn't load more. {messageOf(moreError)}</MessageBarBody>
          </MessageBar>
        )}
        {continuationToken && (
          <div className={styles.more}>
            <Button onClick={() => void loadMore()} disabledFocusable={loadingMore} icon={loadingMore ? <Spinner size="tiny" /> : undefined}>
              {loadingMore ? "Loading…" : "Load more"}
            </Button>
          </div>
        )}
      </section>
    </div>
  );
}

function PromptMeta({ kind, value, when, locale, extra }: { kind: PostingView["kind"]; value: string; when: string; locale: string; extra?: string }) {
  const styles = useStyles();
  return (
    <div className={styles.meta}>
      <Badge appearance="tint" color="brand" shape="rounded">
        {PROMPT_KIND_LABELS[kind]}
      </Badge>
      <Badge appearance="outline" color="informative" shape="rounded">
        {value}
      </Badge>
      <Text size={200} className={styles.muted}>
        Posted {formatDateTime(when, locale)}
        {extra ? ` · ${extra}` : ""}
      </Text>
    </div>
  );
}

/** A posting I can answer: my answer when I gave one (with Edit), else the form. */
function Posting({ env, posting, onSaved }: { env: PracticesEnv; posting: PostingView; onSaved: (reflection: ReflectionView) => void }) {
  const styles = useStyles();
  const [editing, setEditing] = useState(false);
  const textId = `posting-${posting.id}-text`;
  const mine = posting.myResponse;
  return (
    <article className={styles.card} aria-labelledby={textId} data-posting-id={posting.id}>
      <PromptMeta kind={posting.kind} value={posting.value} when={posting.postedAt} locale={env.locale} extra={plural(posting.responseCount, "response", "responses")} />
      <h4 id={textId} className={styles.promptText}>
        {posting.text}
      </h4>
      {mine && !editing ? (
        <div className={styles.mine} data-testid="my-answer">
          <Text weight="semibold">{mine.anonymous ? "Your answer, shared without your name" : "Your answer"}</Text>
          <ResponseText response={mine} />
          <div className={styles.actions}>
            <Button size="small" onClick={() => setEditing(true)} aria-label={`Edit my answer: ${posting.text}`}>
              Edit my answer
            </Button>
          </div>
        </div>
      ) : !env.canAnswer ? (
        <Text className={styles.muted}>Managers answer prompts; sponsors read what they share below.</Text>
      ) : (
        <AnswerForm
          env={env}
          posting={posting}
          labelledBy={textId}
          onCancel={editing ? () => setEditing(false) : undefined}
          onSaved={(reflection) => {
            setEditing(false);
            onSaved(reflection);
            env.toast(reflection.anonymous ? "Your answer is shared without your name." : "Your answer is shared.");
          }}
        />
      )}
    </article>
  );
}

/** One response in the feed, with "Add to library" for facilitators and leads. */
function Response({ env, response, onPromoted }: { env: PracticesEnv; response: ReflectionView; onPromoted: (artifactId: string) => void }) {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  // Added just now from here: the link that replaces the button takes its focus.
  const [added, setAdded] = useState(false);
  const who = response.author ? response.author.displayName : "Shared without a name";
  const headingId = `response-${response.id}-who`;

  const promote = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { artifact } = await env.api.promote(env.communityId, { kind: "response", responseId: response.id });
      setAdded(true);
      onPromoted(artifact.id);
      env.toast(`“${artifact.title}” is in the library.`, {
        id: "promoted",
        action: { label: "Open it", href: libraryItemHref(artifact.id), run: () => openLibraryItem(artifact.id) },
      });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className={styles.card} aria-labelledby={headingId} data-response-id={response.id}>
      <h4 id={headingId} className={styles.promptText}>
        {who}
        {response.mine ? " (you)" : ""}
      </h4>
      <PromptMeta kind={response.prompt.kind} value={response.prompt.value} when={response.postedAt} locale={env.locale} />
      <p className={styles.quote}>{response.prompt.text}</p>
      <ResponseText response={response} />
      <Text size={200} className={styles.muted}>
        Answered {formatDateTime(response.updatedAt, env.locale)}
      </Text>
      {(response.promotedArtifactId || response.can.promote) && (
        <div className={styles.actions}>
          {response.promotedArtifactId ? (
            <LibraryItemLink itemId={response.promotedArtifactId} focusOnMount={added}>
              In the library
            </LibraryItemLink>
          ) : (
            <Button size="small" onClick={() => void promote()} disabledFocusable={busy} icon={busy ? <Spinner size="tiny" /> : undefined} aria-label={response.author ? `Add to library: ${who}'s answer` : "Add to library: an answer shared without a name"}>
              {busy ? "Adding…" : "Add to library"}
            </Button>
          )}
        </div>
      )}
      {error !== undefined && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>It wasn't added to the library. {messageOf(error)}</MessageBarBody>
        </MessageBar>
      )}
    </article>
  );
}
