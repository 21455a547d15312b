import { Schema, type Connection } from "mongoose";

/** A query-API token: only its SHA-256 hash is kept, so a leaked database leaks no usable token. */
export interface ApiTokenRecord {
  tokenId: string;
  installationId: number;
  name: string;
  hash: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const apiTokenSchema = new Schema<ApiTokenRecord>(
  {
    tokenId: { type: String, required: true },
    installationId: { type: Number, required: true },
    name: { type: String, default: "" },
    hash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    lastUsedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  { timestamps: false, versionKey: false, strict: "throw", collection: "api_tokens" },
);
apiTokenSchema.index({ tokenId: 1 }, { unique: true });
apiTokenSchema.index({ hash: 1 }, { unique: true });

export const apiTokenModel = (db: Connection) => db.model("ApiToken", apiTokenSchema);
