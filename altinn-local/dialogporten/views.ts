// Projections of stored dialogs onto the API's response schemas. A superset object is built once
// (with end-user authorization flags applied), pruned to the accepted languages, and then shaped to
// a named schema of the OpenAPI document: only the properties that schema declares are kept, and
// null/undefined values are left out (Dialogporten omits nulls).
import { canAccess, type PartyGrant } from '../auth';
import { resources as fixtureResources, organizations } from '../fixtures';
import {
	iso,
	type Activity,
	type Actor,
	type Attachment,
	type Localization,
	type Schemas,
	type StoredDialog,
	type Transmission,
} from './model';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const spec = require('@digdir/dialogporten-schema/swagger.verified.json') as {
	components: { schemas: Record<string, SchemaNode> };
};
type SchemaNode = {
	$ref?: string;
	properties?: Record<string, SchemaNode>;
	items?: SchemaNode;
	oneOf?: SchemaNode[];
	allOf?: SchemaNode[];
	type?: string;
};

export const UNAUTHORIZED_URL = 'urn:dialogporten:unauthorized';
export const EXPIRED_URL = 'urn:dialogporten:expired';

function resolve(node: SchemaNode): SchemaNode {
	if (node.$ref) return resolve(spec.components.schemas[node.$ref.split('/').pop() as string]);
	if (node.oneOf?.length === 1) return resolve(node.oneOf[0]);
	if (node.allOf?.length === 1) return resolve(node.allOf[0]);
	return node;
}

type Shaper = (value: unknown) => unknown;
const shapers = new WeakMap<SchemaNode, Shaper>();

/** Compiles (once per schema node) a function that keeps only the declared properties. */
function shaperFor(node: SchemaNode): Shaper {
	const schema = resolve(node);
	let fn = shapers.get(schema);
	if (fn) return fn;
	if (schema.type === 'array') {
		let item: Shaper | undefined;
		fn = (value) => {
			if (value === null || value === undefined) return undefined;
			if (!Array.isArray(value)) return value;
			item ??= shaperFor(schema.items ?? {});
			const out: unknown[] = [];
			for (const v of value) {
				const x = item(v);
				if (x !== undefined) out.push(x);
			}
			return out;
		};
	} else if (schema.properties) {
		const props = Object.entries(schema.properties);
		let compiled: Array<[string, Shaper]> | undefined;
		fn = (value) => {
			if (value === null || value === undefined) return undefined;
			if (typeof value !== 'object' || Array.isArray(value)) return value;
			compiled ??= props.map(([name, prop]) => [name, shaperFor(prop)]);
			const out: Record<string, unknown> = {};
			for (const [name, shapeProp] of compiled) {
				const v = shapeProp((value as Record<string, unknown>)[name]);
				if (v !== undefined) out[name] = v;
			}
			return out;
		};
	} else {
		fn = (value) => (value === null ? undefined : value);
	}
	shapers.set(schema, fn);
	return fn;
}

const named = new Map<string, Shaper>();

/** Keeps only what the named response schema declares. */
export function shape<K extends keyof Schemas>(name: K, value: unknown): Schemas[K] {
	let fn = named.get(String(name));
	if (!fn) {
		fn = shaperFor({ $ref: `#/components/schemas/${String(name)}` });
		named.set(String(name), fn);
	}
	return fn(value) as Schemas[K];
}

// ---- languages ------------------------------------------------------------------------------

export interface AcceptedLanguage {
	code: string;
	weight: number;
}

export function parseAcceptLanguage(header: string | undefined): AcceptedLanguage[] {
	if (!header) return [];
	return header
		.split(',')
		.map((part) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
			return { code: tag.trim().toLowerCase().split('-')[0], weight: q ? Number(q[1]) : 1 };
		})
		.filter((l) => l.code && l.code !== '*' && l.weight > 0)
		.sort((a, b) => b.weight - a.weight);
}

function isLocalizationArray(value: unknown): value is Localization[] {
	return (
		Array.isArray(value) &&
		value.length > 0 &&
		value.every(
			(v) =>
				v &&
				typeof v === 'object' &&
				typeof (v as Localization).languageCode === 'string' &&
				typeof (v as Localization).value === 'string' &&
				Object.keys(v).length === 2,
		)
	);
}

/**
 * Prunes every localized text to the caller's preferred language: the accepted language with the
 * highest weight that the text has is kept; a text in none of the accepted languages is returned
 * whole. (Which entries Dialogporten keeps is not specified further; this is the stand-in's choice.)
 */
export function pruneLocalizations<T>(value: T, languages: AcceptedLanguage[]): T {
	if (languages.length === 0) return value;
	const walk = (v: unknown): unknown => {
		if (isLocalizationArray(v)) {
			for (const lang of languages) {
				const match = v.filter((l) => l.languageCode.toLowerCase().split('-')[0] === lang.code);
				if (match.length) return match.slice(0, 1);
			}
			return v;
		}
		if (Array.isArray(v)) return v.map(walk);
		if (v && typeof v === 'object') {
			const out: Record<string, unknown> = {};
			for (const [k, x] of Object.entries(v)) out[k] = walk(x);
			return out;
		}
		return v;
	};
	return walk(value) as T;
}

// ---- supersets ------------------------------------------------------------------------------

export interface Viewer {
	/** Set for end-user views (and service-owner views with `endUserId`). */
	grants?: PartyGrant[];
	/** Actor id of the end user (for isCurrentEndUser and seen flags). */
	actorId?: string;
	endUser: boolean;
}

function authorized(
	d: StoredDialog,
	viewer: Viewer,
	attribute: string | undefined,
): boolean | undefined {
	if (!viewer.grants) return undefined;
	if (!canAccess(viewer.grants, d.party, d.serviceResource)) return false;
	if (!attribute || !attribute.startsWith('urn:altinn:resource:')) return true;
	return !!canAccess(viewer.grants, d.party, attribute);
}

function actor(a: Actor): Actor {
	const out: Actor = { actorType: a.actorType };
	if (a.actorId) out.actorId = a.actorId;
	if (a.actorName) out.actorName = a.actorName;
	return out;
}

export function activitySuperset(a: Activity): Record<string, unknown> {
	return {
		id: a.id,
		createdAt: iso(a.createdAt),
		type: a.type,
		extendedType: a.extendedType,
		transmissionId: a.transmissionId,
		performedBy: actor(a.performedBy),
		description: a.description,
	};
}

function attachmentSuperset(
	a: Attachment,
	isAuthorized: boolean | undefined,
	now: number,
): Record<string, unknown> {
	return {
		id: a.id,
		displayName: a.displayName,
		name: a.name,
		expiresAt: iso(a.expiresAt),
		urls: a.urls.map((u) => ({
			id: u.id,
			url:
				isAuthorized === false
					? UNAUTHORIZED_URL
					: a.expiresAt !== undefined && a.expiresAt < now
						? EXPIRED_URL
						: u.url,
			mediaType: u.mediaType,
			consumerType: u.consumerType,
		})),
	};
}

export function transmissionSuperset(
	d: StoredDialog,
	t: Transmission,
	viewer: Viewer,
): Record<string, unknown> {
	const now = Date.now();
	const isAuthorized = authorized(d, viewer, t.authorizationAttribute);
	const opened = d.details.activities.some(
		(a) => a.type === 'TransmissionOpened' && a.transmissionId === t.id,
	);
	const content = t.content
		? {
				title: t.content.title,
				summary: t.content.summary,
				contentReference: t.content.contentReference
					? {
							...t.content.contentReference,
							value:
								isAuthorized === false
									? [{ languageCode: 'nb', value: UNAUTHORIZED_URL }]
									: t.content.contentReference.value,
						}
					: undefined,
			}
		: undefined;
	return {
		id: t.id,
		createdAt: iso(t.createdAt),
		type: t.type,
		extendedType: t.extendedType,
		externalReference: t.externalReference,
		idempotentKey: t.idempotentKey,
		relatedTransmissionId: t.relatedTransmissionId,
		authorizationAttribute: t.authorizationAttribute,
		isAuthorized,
		isOpened: opened,
		sender: actor(t.sender),
		content,
		attachments: t.attachments.map((a) => attachmentSuperset(a, isAuthorized, now)),
		navigationalActions: t.navigationalActions.map((n) => ({
			title: n.title,
			url: n.expiresAt !== undefined && n.expiresAt < now ? EXPIRED_URL : n.url,
			expiresAt: iso(n.expiresAt),
		})),
	};
}

export function seenSuperset(
	d: StoredDialog,
	viewer: Viewer,
	since: number,
): Array<Record<string, unknown>> {
	// One entry per actor: the latest time each actor has seen the dialog since `since`.
	const latest = new Map<string, (typeof d.seenLog)[number]>();
	for (const s of d.seenLog)
		if (s.seenAt >= since && (!latest.has(s.actorId) || latest.get(s.actorId)!.seenAt < s.seenAt))
			latest.set(s.actorId, s);
	return [...latest.values()].map((s) => seenEntrySuperset(s, viewer));
}

export function seenEntrySuperset(
	s: StoredDialog['seenLog'][number],
	viewer: Viewer,
): Record<string, unknown> {
	return {
		id: s.id,
		seenAt: iso(s.seenAt),
		seenBy: { actorType: 'PartyRepresentative', actorId: s.actorId, actorName: s.actorName },
		isViaServiceOwner: s.isViaServiceOwner,
		isCurrentEndUser: viewer.actorId !== undefined && s.actorId === viewer.actorId,
	};
}

export function hasUnopenedContent(d: StoredDialog): boolean {
	const { transmissions, activities } = d.details;
	return transmissions.some(
		(t) =>
			t.sender.actorType === 'ServiceOwner' &&
			t.type !== 'Submission' &&
			t.type !== 'Correction' &&
			!activities.some((a) => a.type === 'TransmissionOpened' && a.transmissionId === t.id),
	);
}

export function isContentSeen(d: StoredDialog, actorId?: string): boolean {
	if (d.systemLabels.includes('MarkedAsUnopened')) return false;
	return d.seenLog.some(
		(s) => s.seenAt >= d.contentUpdatedAt && (actorId === undefined || s.actorId === actorId),
	);
}

function dialogCore(d: StoredDialog, viewer: Viewer): Record<string, unknown> {
	const { transmissions } = d.details;
	return {
		id: d.id,
		org: d.org,
		party: d.party,
		serviceResource: d.serviceResource,
		serviceResourceType: d.serviceResourceType,
		revision: d.revision,
		idempotentKey: d.idempotentKey,
		status: d.status,
		extendedStatus: d.extendedStatus,
		externalReference: d.externalReference,
		progress: d.progress,
		process: d.process,
		precedingProcess: d.precedingProcess,
		createdAt: iso(d.createdAt),
		updatedAt: iso(d.updatedAt),
		contentUpdatedAt: iso(d.contentUpdatedAt),
		dueAt: iso(d.dueAt),
		expiresAt: iso(d.expiresAt),
		visibleFrom: iso(d.visibleFrom),
		deletedAt: iso(d.deletedAt),
		isApiOnly: d.isApiOnly,
		hasUnopenedContent: hasUnopenedContent(d),
		isContentSeen: isContentSeen(d, viewer.endUser ? viewer.actorId : undefined),
		fromPartyTransmissionsCount: transmissions.filter(
			(t) => t.sender.actorType === 'PartyRepresentative',
		).length,
		fromServiceOwnerTransmissionsCount: transmissions.filter(
			(t) => t.sender.actorType === 'ServiceOwner',
		).length,
		systemLabel:
			d.systemLabels.find((l) => l === 'Bin' || l === 'Archive') ?? d.systemLabels[0] ?? 'Default',
		endUserContext: { revision: d.endUserContextRevision, systemLabels: [...d.systemLabels] },
		serviceOwnerContext: {
			revision: d.serviceOwnerContextRevision,
			serviceOwnerLabels: d.serviceOwnerLabels.map((value) => ({ value })),
		},
		searchTags: d.details.searchTags.map((value) => ({ value })),
		seenSinceLastUpdate: seenSuperset(d, viewer, d.updatedAt),
		seenSinceLastContentUpdate: seenSuperset(d, viewer, d.contentUpdatedAt),
	};
}

function contentSuperset(d: StoredDialog, viewer: Viewer): Record<string, unknown> | undefined {
	const content = d.details.content;
	if (!content) return undefined;
	const ref = content.mainContentReference;
	const isAuthorized = viewer.grants ? authorized(d, viewer, undefined) : undefined;
	return {
		...content,
		mainContentReference: ref
			? {
					...ref,
					isAuthorized,
					value:
						isAuthorized === false
							? ref.value.map((l) => ({ ...l, value: UNAUTHORIZED_URL }))
							: ref.value,
				}
			: undefined,
	};
}

/** Everything a details view (end user or service owner) may show. */
export function dialogDetailsSuperset(d: StoredDialog, viewer: Viewer): Record<string, unknown> {
	const details = d.details;
	return {
		...dialogCore(d, viewer),
		content: contentSuperset(d, viewer),
		attachments: details.attachments.map((a) =>
			attachmentSuperset(a, authorized(d, viewer, undefined), Date.now()),
		),
		guiActions: details.guiActions.map((g) => {
			const isAuthorized = authorized(d, viewer, g.authorizationAttribute);
			return { ...g, isAuthorized, url: isAuthorized === false ? UNAUTHORIZED_URL : g.url };
		}),
		apiActions: details.apiActions.map((a) => {
			const isAuthorized = authorized(d, viewer, a.authorizationAttribute);
			return {
				...a,
				isAuthorized,
				endpoints: a.endpoints.map((e) => ({
					...e,
					sunsetAt: iso(e.sunsetAt),
					url: isAuthorized === false ? UNAUTHORIZED_URL : e.url,
				})),
			};
		}),
		transmissions: details.transmissions.map((t) => transmissionSuperset(d, t, viewer)),
		activities: details.activities.map(activitySuperset),
	};
}

/** What a search result item may show. */
export function dialogSearchSuperset(d: StoredDialog, viewer: Viewer): Record<string, unknown> {
	const details = d.details;
	const latest = details.activities.reduce<Activity | undefined>(
		(acc, a) => (!acc || a.createdAt >= acc.createdAt ? a : acc),
		undefined,
	);
	return {
		...dialogCore(d, viewer),
		content: contentSuperset(d, viewer),
		guiAttachmentCount: details.attachments.filter((a) =>
			a.urls.some((u) => u.consumerType === 'Gui'),
		).length,
		latestActivity: latest ? activitySuperset(latest) : undefined,
	};
}

// ---- service resources ------------------------------------------------------------------------

const ORG_BY_CODE = new Map(
	Object.values(organizations)
		.filter((o) => 'serviceOwnerCode' in o)
		.map((o) => [(o as { serviceOwnerCode: string }).serviceOwnerCode, o]),
);

export function serviceResourceItem(
	id: string,
	baseUrl: string,
): Record<string, unknown> | undefined {
	const r = Object.values(fixtureResources).find((x) => x.urn === id || x.id === id);
	if (!r) return undefined;
	const owner = ORG_BY_CODE.get(r.owner);
	const names = (n: { nb: string; nn: string; en: string }) => [
		{ languageCode: 'nb', value: n.nb },
		{ languageCode: 'nn', value: n.nn },
		{ languageCode: 'en', value: n.en },
	];
	return {
		serviceResource: {
			id: r.urn,
			resourceType: r.resourceType,
			status: 'Completed',
			isDelegable: r.isDelegable,
			minimumAuthenticationLevel: r.minimumAuthenticationLevel,
			name: names(r.name),
			links: { metadata: `${baseUrl}/resourceregistry/api/v1/resource/${r.id}` },
		},
		serviceOwner: {
			code: r.owner,
			orgNumber: owner?.orgNumber ?? '',
			name: [
				{ languageCode: 'nb', value: owner?.name ?? r.owner },
				{ languageCode: 'en', value: owner?.name ?? r.owner },
			],
		},
		roles: [
			{
				urn: 'urn:altinn:rolecode:DAGL',
				name: [
					{ languageCode: 'nb', value: 'Daglig leder' },
					{ languageCode: 'en', value: 'Managing director' },
				],
				links: { metadata: `${baseUrl}/accessmanagement/api/v1/meta/roles/DAGL` },
			},
		],
		accessPackages: [
			{
				urn: 'urn:altinn:accesspackage:post-og-arkiv',
				name: [
					{ languageCode: 'nb', value: 'Post og arkiv' },
					{ languageCode: 'en', value: 'Mail and archive' },
				],
				links: { metadata: `${baseUrl}/accessmanagement/api/v1/meta/accesspackages/post-og-arkiv` },
			},
		],
	};
}
