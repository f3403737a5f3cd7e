// The stored form of a dialog. It is a superset of what the API returns; views.ts projects it onto
// the end-user and service-owner response schemas. Seeded dialogs keep only their searchable fields
// in memory and build their content, actions, activities and transmissions on first use, so that
// 100 000 of them stay cheap.
import { randomBytes, randomUUID } from 'node:crypto';
import type { components } from '../../nodes/Dialogporten/helpers/dialogportenApi.generated';

export type Schemas = components['schemas'];
export type Localization = { languageCode: string; value: string };
export type ContentValue = { value: Localization[]; mediaType: string };
export type Actor = {
	actorType: 'PartyRepresentative' | 'ServiceOwner';
	actorId?: string | null;
	actorName?: string | null;
};
export type DialogStatus = Schemas['DialogsEntities_DialogStatus'];
export type SystemLabel = Schemas['DialogEndUserContextsEntities_SystemLabel'];
export type ActivityType = Schemas['DialogsEntitiesActivities_DialogActivityType'];
export type TransmissionType = Schemas['DialogsEntitiesTransmissions_DialogTransmissionType'];
export type HttpVerb = Schemas['Http_HttpVerb'];

export interface DialogContent {
	title: ContentValue;
	summary?: ContentValue;
	senderName?: ContentValue;
	additionalInfo?: ContentValue;
	extendedStatus?: ContentValue;
	mainContentReference?: ContentValue;
	nonSensitiveTitle?: ContentValue;
	nonSensitiveSummary?: ContentValue;
}

export interface AttachmentUrl {
	id: string;
	url: string;
	mediaType?: string;
	consumerType: 'Gui' | 'Api';
}

export interface Attachment {
	id: string;
	displayName?: Localization[];
	name?: string;
	expiresAt?: number;
	urls: AttachmentUrl[];
}

export interface GuiAction {
	id: string;
	action: string;
	url: string;
	authorizationAttribute?: string;
	isDeleteDialogAction: boolean;
	priority: 'Primary' | 'Secondary' | 'Tertiary';
	httpMethod: HttpVerb;
	title?: Localization[];
	prompt?: Localization[];
}

export interface ApiActionEndpoint {
	id: string;
	url: string;
	httpMethod: HttpVerb;
	version?: string;
	documentationUrl?: string;
	requestSchema?: string;
	responseSchema?: string;
	deprecated: boolean;
	sunsetAt?: number;
}

export interface ApiAction {
	id: string;
	action: string;
	name?: string;
	authorizationAttribute?: string;
	endpoints: ApiActionEndpoint[];
}

export interface Activity {
	id: string;
	createdAt: number;
	type: ActivityType;
	extendedType?: string;
	transmissionId?: string;
	performedBy: Actor;
	description?: Localization[];
}

export interface NavigationalAction {
	title?: Localization[];
	url: string;
	expiresAt?: number;
}

export interface Transmission {
	id: string;
	createdAt: number;
	type: TransmissionType;
	extendedType?: string;
	externalReference?: string;
	idempotentKey?: string;
	relatedTransmissionId?: string;
	authorizationAttribute?: string;
	sender: Actor;
	content?: { title: ContentValue; summary?: ContentValue; contentReference?: ContentValue };
	attachments: Attachment[];
	navigationalActions: NavigationalAction[];
}

export interface SeenEntry {
	id: string;
	seenAt: number;
	actorId: string;
	actorName?: string;
	isViaServiceOwner: boolean;
}

export interface LabelLogEntry {
	name: string;
	action: 'set' | 'remove';
	createdAt: number;
	performedBy: Actor;
}

export interface DialogDetails {
	content?: DialogContent;
	attachments: Attachment[];
	guiActions: GuiAction[];
	apiActions: ApiAction[];
	transmissions: Transmission[];
	activities: Activity[];
	searchTags: string[];
}

const NO_SEEN: SeenEntry[] = [];
const NO_LABEL_LOG: LabelLogEntry[] = [];
const NO_LABELS: string[] = [];
const DEFAULT_SYSTEM_LABELS: SystemLabel[] = ['Default'];

/**
 * The collections below start as shared empty (or default) arrays and are replaced, never mutated
 * in place, so that 100 000 seeded dialogs do not each allocate them.
 */
export class StoredDialog {
	/** Builds the details of a seeded dialog; set by seed.ts. */
	static seedDetails?: (d: StoredDialog) => DialogDetails;

	id!: string;
	org!: string;
	party!: string;
	serviceResource!: string;
	serviceResourceType!: string;
	revision!: string;
	private _endUserContextRevision?: string;
	private _serviceOwnerContextRevision?: string;
	idempotentKey?: string;
	status!: DialogStatus;
	extendedStatus?: string;
	externalReference?: string;
	progress?: number;
	process?: string;
	precedingProcess?: string;
	createdAt!: number;
	updatedAt!: number;
	contentUpdatedAt!: number;
	dueAt?: number;
	expiresAt?: number;
	visibleFrom?: number;
	deletedAt?: number;
	frozen = false;
	isApiOnly = false;
	systemLabels: readonly SystemLabel[] = DEFAULT_SYSTEM_LABELS;
	serviceOwnerLabels: readonly string[] = NO_LABELS;
	seenLog: readonly SeenEntry[] = NO_SEEN;
	labelLog: readonly LabelLogEntry[] = NO_LABEL_LOG;
	/** Index of a seeded dialog whose details have not been built yet (they are derived from it). */
	seedIndex?: number;
	/** Base URL of the stand-in that seeded this dialog; its actions point there. */
	seedBaseUrl?: string;
	private _details?: DialogDetails;

	/** Revisions of the contexts are made on first use (seeded dialogs rarely need them). */
	get endUserContextRevision(): string {
		return (this._endUserContextRevision ??= uuidv4());
	}
	set endUserContextRevision(value: string) {
		this._endUserContextRevision = value;
	}
	get serviceOwnerContextRevision(): string {
		return (this._serviceOwnerContextRevision ??= uuidv4());
	}
	set serviceOwnerContextRevision(value: string) {
		this._serviceOwnerContextRevision = value;
	}

	/** True while the details of a seeded dialog are still derived, not stored. */
	get lazy(): boolean {
		return this._details === undefined && this.seedIndex !== undefined;
	}

	get details(): DialogDetails {
		if (!this._details) {
			this._details =
				this.seedIndex !== undefined && StoredDialog.seedDetails
					? StoredDialog.seedDetails(this)
					: {
							attachments: [],
							guiActions: [],
							apiActions: [],
							transmissions: [],
							activities: [],
							searchTags: [],
						};
		}
		return this._details;
	}

	set details(value: DialogDetails) {
		this._details = value;
	}
}

const pool = { buf: Buffer.alloc(0), pos: 0 };
function random(n: number): Buffer {
	if (pool.pos + n > pool.buf.length) {
		pool.buf = randomBytes(16 * 4096);
		pool.pos = 0;
	}
	const out = pool.buf.subarray(pool.pos, pool.pos + n);
	pool.pos += n;
	return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A UUIDv7 (time-ordered) as Dialogporten uses for entity ids. */
export function uuidv7(ms = Date.now()): string {
	const r = random(10);
	const t = Math.floor(ms).toString(16).padStart(12, '0').slice(-12);
	const h = (i: number) => HEX[r[i]];
	return (
		`${t.slice(0, 8)}-${t.slice(8, 12)}-7${HEX[r[0] & 0x0f].slice(1)}${h(1)}-` +
		`${HEX[(r[2] & 0x3f) | 0x80]}${h(3)}-${h(4)}${h(5)}${h(6)}${h(7)}${h(8)}${h(9)}`
	);
}

/** A UUIDv4, as Dialogporten uses for revisions. */
export function uuidv4(): string {
	return randomUUID();
}

export function isUuidV7(value: string): boolean {
	return /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(value);
}

export function uuidv7Time(value: string): number {
	return parseInt(value.replace(/-/g, '').slice(0, 12), 16);
}

export function iso(ms: number | undefined): string | undefined {
	return ms === undefined ? undefined : new Date(ms).toISOString();
}

export const ACTIVITY_EVENT_NAMES: Record<ActivityType, string> = {
	DialogCreated: 'created',
	DialogClosed: 'closed',
	Information: 'information',
	TransmissionOpened: 'transmission-opened',
	PaymentMade: 'payment-made',
	SignatureProvided: 'signature-provided',
	DialogOpened: 'dialog-opened',
	DialogDeleted: 'dialog-deleted',
	DialogRestored: 'dialog-restored',
	SentToSigning: 'sent-to-signing',
	SentToFormFill: 'sent-to-form-fill',
	SentToSendIn: 'sent-to-send-in',
	SentToPayment: 'sent-to-payment',
	FormSubmitted: 'form-submitted',
	FormSaved: 'form-saved',
	CorrespondenceOpened: 'correspondence-opened',
	CorrespondenceConfirmed: 'correspondence-confirmed',
};
