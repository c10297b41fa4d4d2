import { Badge, tokens } from "@fluentui/react-components";
import { ARTIFACT_TYPE_LABELS, type ArtifactType } from "../../../../bot/src/contracts";

/** The library's card surface: one look for rows, item pages, the editor and history. */
export const cardSurface = {
  backgroundColor: tokens.colorNeutralBackground1,
  border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  borderRadius: tokens.borderRadiusLarge,
} as const;

/** The badges an item carries wherever it is shown: its type, who sees it, and a review reminder. */
export function ArtifactBadges({ type, audience, reviewDue, className }: { type: ArtifactType; audience?: string | null; reviewDue: boolean; className?: string }) {
  return (
    <div className={className}>
      <Badge appearance="tint" color="brand" shape="rounded">
        {ARTIFACT_TYPE_LABELS[type]}
      </Badge>
      {audience && (
        <Badge appearance="outline" color="informative" shape="rounded">
          {audience}
        </Badge>
      )}
      {reviewDue && (
        <Badge appearance="tint" color="warning" shape="rounded">
          Review due
        </Badge>
      )}
    </div>
  );
}
