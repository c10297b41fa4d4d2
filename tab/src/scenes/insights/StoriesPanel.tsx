import { Badge, Link, Text, makeStyles, tokens } from "@fluentui/react-components";
import { type Story } from "../../../../bot/src/contracts";
import { formatDate } from "../../lib/format";
import { LibraryItemLink } from "../library/LibraryItemLink";
import { cardSurface } from "../sessions/surface";
import { storyTarget } from "./model";

const useStyles = makeStyles({
  panel: { ...cardSurface, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, gridColumn: "1 / -1", padding: tokens.spacingHorizontalL },
  heading: { margin: 0 },
  explain: { color: tokens.colorNeutralForeground2 },
  list: {
    listStyle: "none",
    margin: 0,
    padding: 0,
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(280px, 1fr))",
    gap: tokens.spacingHorizontalM,
  },
  story: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    height: "100%",
    boxSizing: "border-box",
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  top: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  title: { margin: 0, overflowWrap: "anywhere" },
  text: {
    overflowWrap: "anywhere",
    display: "-webkit-box",
    WebkitLineClamp: "5",
    WebkitBoxOrient: "vertical",
    overflow: "hidden",
  },
  byline: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

const KIND_LABELS: Record<Story["kind"], string> = { reflection: "Reflection", case: "Case" };

/** Recent reflections and cases their authors shared with the whole community, with their names. */
export function StoriesPanel({ stories, locale, communityId }: { stories: readonly Story[]; locale: string; communityId: string }) {
  const styles = useStyles();
  return (
    <section className={styles.panel} aria-labelledby="insights-stories-heading" data-testid="stories">
      <Text as="h3" id="insights-stories-heading" size={400} weight="semibold" className={styles.heading}>
        Stories
      </Text>
      <Text className={styles.explain}>Recent reflections and cases that their authors shared with the whole community: what the numbers look like up close.</Text>
      {stories.length === 0 ? (
        <Text className={styles.explain}>No shared reflections or cases in this period yet.</Text>
      ) : (
        <ul className={styles.list}>
          {stories.map((story) => (
            <li key={`${story.kind}-${story.id}`}>
              <article className={styles.story} aria-labelledby={`story-${story.kind}-${story.id}`}>
                <div className={styles.top}>
                  <Badge appearance="tint" color={story.kind === "case" ? "brand" : "informative"}>
                    {KIND_LABELS[story.kind]}
                  </Badge>
                  <Text as="h4" id={`story-${story.kind}-${story.id}`} weight="semibold" className={styles.title}>
                    {story.title}
                  </Text>
                </div>
                <Text className={styles.text}>{story.text}</Text>
                <Text className={styles.byline}>
                  {story.authorName} · {formatDate(story.at, locale)}
                </Text>
                <StoryLink story={story} communityId={communityId} />
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function StoryLink({ story, communityId }: { story: Story; communityId: string }) {
  const target = storyTarget(story.link, communityId);
  if (!target) return null;
  const label = `Open in the library: ${story.title}`;
  if (target.kind === "href") {
    return (
      <Link href={target.href} target="_blank" rel="noopener noreferrer" aria-label={label}>
        Open in the library
      </Link>
    );
  }
  return (
    <LibraryItemLink itemId={target.id} aria-label={label}>
      Open in the library
    </LibraryItemLink>
  );
}
