import { CharterAcknowledgement, CharterVersion } from "../../contracts";
import { isAppError } from "../../domain/errors";
import { type DocumentContainer, type Stored } from "../documents";
import { EntityCollection, mapping } from "./communityDocs";

const versionDocId = (version: number) => `chv-${version}`;
const ackDocId = (userId: string) => `chack-${userId}`;

/**
 * The charter's past versions and who acknowledged which version, in the community's
 * partition. The current charter lives in the community document itself; a version
 * document is written just before the charter changes, so history is never lost.
 */
export class CharterRepository {
  readonly versions: EntityCollection<CharterVersion>;
  readonly acknowledgements: EntityCollection<CharterAcknowledgement>;

  constructor(private readonly container: DocumentContainer) {
    const scoped = { communityId: (x: { communityId: string }) => x.communityId, tenantId: (x: { tenantId: string }) => x.tenantId };
    this.versions = new EntityCollection(container, mapping<CharterVersion>({ kind: "charterVersion", schema: CharterVersion, docId: (v) => versionDocId(v.version), ...scoped }));
    this.acknowledgements = new EntityCollection(container, mapping<CharterAcknowledgement>({ kind: "charterAck", schema: CharterAcknowledgement, docId: (a) => ackDocId(a.userId), ...scoped }));
  }

  /**
   * Keeps a version that is about to be replaced. Idempotent: an earlier attempt (or a
   * concurrent edit from the same base) already wrote the same content under the same id.
   */
  async keepVersion(version: CharterVersion): Promise<void> {
    try {
      await this.versions.create(version);
    } catch (e) {
      if (!isAppError(e) || e.code !== "already_exists") throw e;
    }
  }

  /** Versions before `current`, newest first (a version document left by an edit that never completed is not history). */
  async pastVersions(communityId: string, current: number): Promise<CharterVersion[]> {
    const docs = await this.container.queryAll<unknown>(communityId, {
      query: "SELECT * FROM c WHERE c.type = 'charterVersion' AND c.version < @current ORDER BY c.version DESC",
      parameters: [{ name: "@current", value: current }],
    });
    return docs.map((d) => this.versions.fromDoc(d)).filter((v): v is CharterVersion => v !== null);
  }

  getVersion(communityId: string, version: number): Promise<Stored<CharterVersion> | null> {
    return this.versions.get(communityId, versionDocId(version));
  }

  acknowledgementOf(communityId: string, userId: string): Promise<Stored<CharterAcknowledgement> | null> {
    return this.acknowledgements.get(communityId, ackDocId(userId));
  }

  /** How many people acknowledged exactly this version. */
  async acknowledgedCount(communityId: string, version: number): Promise<number> {
    const [n] = await this.container.queryAll<number>(communityId, {
      query: "SELECT VALUE COUNT(1) FROM c WHERE c.type = 'charterAck' AND c.version = @version",
      parameters: [{ name: "@version", value: version }],
    });
    return n ?? 0;
  }
}
