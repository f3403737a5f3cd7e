// Projections of stored dialogs onto the API's response schemas. A superset object is built once
// (with end-user authorization flags applied), pruned to the accepted languages (languages.ts), and
// then shaped to a named schema of the OpenAPI document (shape.ts).
import { canAccess, type PartyGrant } from '../auth';
import { resources as fixtureResources, organizations } from '../fixtures';
import {
	iso,
	type Activity,
	type Actor,
	type Attachment,
	type StoredDialog,
	type Transmission,
} from './model';

export const UNAUTHORIZED_URL = 'urn:dialogporten:unauthorized';
export const EXPIRED_URL = 'urn:dialogporten:expired';

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
