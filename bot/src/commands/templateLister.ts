import { ARTIFACT_TYPE_LABELS, type ArtifactTemplatesResponse } from "../contracts";
import { ARTIFACT_TEMPLATES } from "../domain/artifacts";

/** The starter template for every artifact type, for the tab's "New item" menu. */
export function listArtifactTemplates(): ArtifactTemplatesResponse {
  return { items: ARTIFACT_TEMPLATES.map((t) => ({ type: t.type, label: ARTIFACT_TYPE_LABELS[t.type], description: t.description, content: t.content })) };
}
