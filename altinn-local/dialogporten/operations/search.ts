// Dialog search for end users and service owners (filters, ordering, continuation tokens) and the
// service owner's end-user-context search.
import { canAccess, endUserParties } from '../../auth';
import { empty, json, type Response } from '../../http';
import { endUserViewer, serviceOwnerViewer } from '../end-users';
import type { Schemas, StoredDialog } from '../model';
import { endUser, serviceOwner, type Operation, type OperationTable } from '../operation';
import { seedMatches } from '../seed';
import { decodeContinuationToken, orderByString, parseOrderBy } from '../store';
import { pruneLocalizations } from '../languages';
import { shape } from '../shape';
import { dialogSearchSuperset } from '../views';
import { LIMITS } from './metadata';

function seenBy(d: StoredDialog, actorId: string | undefined): boolean {
	if (d.systemLabels.includes('MarkedAsUnopened')) return false;
	return d.seenLog.some(
		(s) => s.seenAt >= d.contentUpdatedAt && (actorId === undefined || s.actorId === actorId),
	);
}

function limitErrors(
	q: Record<string, unknown>,
	limits: Record<string, number>,
	params: string[],
): Record<string, string[]> | undefined {
	for (const p of params) {
		const key = `max${p.charAt(0).toUpperCase()}${p.slice(1)}FilterValues`;
		const max = limits[key];
		const v = q[p];
		if (max !== undefined && Array.isArray(v) && v.length > max)
			return { [p]: [`Maximum ${max} values allowed for '${p}'.`] };
	}
	return undefined;
}

/** Filters shared by the end-user and service-owner searches. Returns an error text on bad input. */
function commonFilter(op: Operation): ((d: StoredDialog) => boolean) | string {
	const q = op.query;
	const set = (name: string) =>
		Array.isArray(q[name]) && (q[name] as unknown[]).length
			? new Set(q[name] as string[])
			: undefined;
	const time = (name: string) =>
		typeof q[name] === 'string' ? Date.parse(q[name] as string) : undefined;
	const serviceResource = set('serviceResource');
	const extendedStatus = set('extendedStatus');
	const status = set('status');
	const systemLabel = set('systemLabel');
	const externalReference = q.externalReference as string | undefined;
	const process = q.process as string | undefined;
	const createdAfter = time('createdAfter');
	const createdBefore = time('createdBefore');
	const updatedAfter = time('updatedAfter');
	const updatedBefore = time('updatedBefore');
	const contentUpdatedAfter = time('contentUpdatedAfter');
	const contentUpdatedBefore = time('contentUpdatedBefore');
	const dueAfter = time('dueAfter');
	const dueBefore = time('dueBefore');
	const excludeApiOnly = q.excludeApiOnly === true;
	const search = typeof q.search === 'string' ? q.search.trim().toLowerCase() : undefined;
	if (search !== undefined && search.length < 3)
		return 'Search string must be at least 3 characters long.';
	const searchLanguage =
		typeof q.searchLanguageCode === 'string'
			? q.searchLanguageCode.toLowerCase().split('-')[0]
			: undefined;
	for (const [a, b] of [
		[createdAfter, createdBefore],
		[updatedAfter, updatedBefore],
		[contentUpdatedAfter, contentUpdatedBefore],
		[dueAfter, dueBefore],
	]) {
		if (a !== undefined && b !== undefined && a > b)
			return 'An "after" date must be earlier than the matching "before" date.';
	}
	return (d: StoredDialog) => {
		if (serviceResource && !serviceResource.has(d.serviceResource)) return false;
		if (extendedStatus && (!d.extendedStatus || !extendedStatus.has(d.extendedStatus)))
			return false;
		if (status && !status.has(d.status)) return false;
		if (systemLabel && !d.systemLabels.some((l) => systemLabel.has(l))) return false;
		if (externalReference !== undefined && d.externalReference !== externalReference) return false;
		if (process !== undefined && d.process !== process) return false;
		if (createdAfter !== undefined && d.createdAt < createdAfter) return false;
		if (createdBefore !== undefined && d.createdAt > createdBefore) return false;
		if (updatedAfter !== undefined && d.updatedAt < updatedAfter) return false;
		if (updatedBefore !== undefined && d.updatedAt > updatedBefore) return false;
		if (contentUpdatedAfter !== undefined && d.contentUpdatedAt < contentUpdatedAfter) return false;
		if (contentUpdatedBefore !== undefined && d.contentUpdatedAt > contentUpdatedBefore)
			return false;
		if (dueAfter !== undefined && (d.dueAt === undefined || d.dueAt < dueAfter)) return false;
		if (dueBefore !== undefined && (d.dueAt === undefined || d.dueAt > dueBefore)) return false;
		if (excludeApiOnly && d.isApiOnly) return false;
		if (search !== undefined && !matchesText(d, search, searchLanguage)) return false;
		return true;
	};
}

function matchesText(d: StoredDialog, search: string, language?: string): boolean {
	if (d.lazy) return seedMatches(d.seedIndex!, search, language);
	const texts: Array<{ languageCode: string; value: string }> = [];
	const details = d.details;
	for (const v of Object.values(details.content ?? {})) if (v) texts.push(...v.value);
	for (const t of details.transmissions)
		if (t.content) texts.push(...t.content.title.value, ...(t.content.summary?.value ?? []));
	for (const tag of details.searchTags) texts.push({ languageCode: '', value: tag });
	return texts.some(
		(t) =>
			(!language ||
				t.languageCode === '' ||
				t.languageCode.toLowerCase().split('-')[0] === language) &&
			t.value.toLowerCase().includes(search),
	);
}

function paged<K extends keyof Schemas, L extends keyof Schemas>(
	op: Operation,
	predicate: (d: StoredDialog) => boolean,
	candidates: StoredDialog[] | undefined,
	toSuperset: (d: StoredDialog) => unknown,
	itemSchema: K,
	pageSchema: L,
): Response {
	const q = op.query;
	const limit = q.limit === undefined ? 100 : Number(q.limit);
	if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
		return op.problem(400, 'Limit must be between 1 and 1000.', {
			limit: ['Limit must be between 1 and 1000.'],
		});
	const terms = parseOrderBy(q.orderBy as string | undefined);
	if (typeof terms === 'string') return op.problem(400, terms, { orderBy: [terms] });
	let cursor;
	if (typeof q.continuationToken === 'string' && q.continuationToken !== '') {
		cursor = decodeContinuationToken(q.continuationToken, terms);
		if (!cursor)
			return op.problem(400, 'Invalid continuation token.', {
				continuationToken: [
					'Invalid continuation token; it must come from a response with the same orderBy.',
				],
			});
	}
	const page = op.store.page(terms, predicate, limit, cursor, candidates);
	const items = page.items.map((d) =>
		shape(itemSchema, pruneLocalizations(toSuperset(d), op.languages)),
	);
	return json(
		200,
		shape(pageSchema, {
			items,
			hasNextPage: page.hasNextPage,
			continuationToken: page.continuationToken,
			orderBy: orderByString(terms),
		}),
	);
}

function endUserSearch(op: Operation): Response {
	const q = op.query;
	const grants = endUserParties(op.principal);
	const tooMany = limitErrors(q, LIMITS.endUserSearch, [
		'party',
		'serviceResource',
		'org',
		'extendedStatus',
	]);
	if (tooMany) return op.problem(400, 'Too many filter values.', tooMany);
	let parties = grants;
	if (Array.isArray(q.party) && q.party.length) {
		const wanted = new Set(q.party as string[]);
		parties = grants.filter((g) => wanted.has(g.party));
		if (parties.length === 0) return empty(403);
	}
	const viewer = endUserViewer(op.principal);
	const now = Date.now();
	const partyMap = new Map(parties.map((g) => [g.party, g]));
	const filter = commonFilter(op);
	if (typeof filter === 'string') return op.problem(400, filter, { search: [filter] });
	const orgs = Array.isArray(q.org) && q.org.length ? new Set(q.org as string[]) : undefined;
	const predicate = (d: StoredDialog) => {
		const g = partyMap.get(d.party);
		if (!g || !(g.resources === '*' || g.resources.includes(d.serviceResource))) return false;
		if (d.deletedAt !== undefined) return false;
		if (d.visibleFrom !== undefined && d.visibleFrom > now) return false;
		if (d.expiresAt !== undefined && d.expiresAt < now) return false;
		if (orgs && !orgs.has(d.org)) return false;
		if (q.isContentSeen !== undefined && seenBy(d, viewer.actorId) !== q.isContentSeen)
			return false;
		return filter(d);
	};
	const candidates: StoredDialog[] = [];
	for (const g of parties) for (const d of op.store.forParty(g.party)) candidates.push(d);
	return paged(
		op,
		predicate,
		candidates,
		(d) => dialogSearchSuperset(d, viewer),
		'V1EndUserDialogsQueriesSearch_Dialog',
		'PaginatedListOfV1EndUserDialogsQueriesSearch_Dialog',
	);
}

function serviceOwnerSearch(op: Operation): Response {
	const q = op.query;
	const org = op.principal.serviceOwnerCode!;
	const tooMany = limitErrors(q, LIMITS.serviceOwnerSearch, [
		'party',
		'serviceResource',
		'extendedStatus',
	]);
	if (tooMany) return op.problem(400, 'Too many filter values.', tooMany);
	const viewer = serviceOwnerViewer(op);
	if (typeof viewer === 'string') return op.problem(400, viewer, { endUserId: [viewer] });
	const filter = commonFilter(op);
	if (typeof filter === 'string') return op.problem(400, filter, { search: [filter] });
	const parties =
		Array.isArray(q.party) && q.party.length ? new Set(q.party as string[]) : undefined;
	const deleted = (q.deleted as string | undefined) ?? 'Exclude';
	const time = (name: string) =>
		typeof q[name] === 'string' ? Date.parse(q[name] as string) : undefined;
	const visibleAfter = time('visibleAfter');
	const visibleBefore = time('visibleBefore');
	const labels = Array.isArray(q.serviceOwnerLabels)
		? (q.serviceOwnerLabels as string[]).map((l) => l.toLowerCase())
		: [];
	const predicate = (d: StoredDialog) => {
		if (d.org !== org) return false;
		if (parties && !parties.has(d.party)) return false;
		if (deleted === 'Exclude' && d.deletedAt !== undefined) return false;
		if (deleted === 'Only' && d.deletedAt === undefined) return false;
		if (visibleAfter !== undefined && (d.visibleFrom === undefined || d.visibleFrom < visibleAfter))
			return false;
		if (
			visibleBefore !== undefined &&
			(d.visibleFrom === undefined || d.visibleFrom > visibleBefore)
		)
			return false;
		if (viewer.grants && !canAccess(viewer.grants, d.party, d.serviceResource)) return false;
		if (q.isContentSeen !== undefined && seenBy(d, viewer.actorId) !== q.isContentSeen)
			return false;
		for (const l of labels) {
			const has = l.endsWith('*')
				? d.serviceOwnerLabels.some((x) => x.toLowerCase().startsWith(l.slice(0, -1)))
				: d.serviceOwnerLabels.some((x) => x.toLowerCase() === l);
			if (!has) return false;
		}
		return filter(d);
	};
	let candidates: StoredDialog[] | undefined;
	if (parties) {
		candidates = [];
		for (const party of parties) for (const d of op.store.forParty(party)) candidates.push(d);
	}
	return paged(
		op,
		predicate,
		candidates,
		(d) => dialogSearchSuperset(d, viewer),
		'V1ServiceOwnerDialogsQueriesSearch_Dialog',
		'PaginatedListOfV1ServiceOwnerDialogsQueriesSearch_Dialog',
	);
}

function endUserContextSearch(op: Operation): Response {
	const q = op.query;
	const org = op.principal.serviceOwnerCode!;
	const parties = new Set((q.party as string[] | undefined) ?? []);
	if (parties.size === 0) return empty(400);
	const limit = q.limit === undefined ? 100 : Number(q.limit);
	if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return empty(400);
	const after =
		typeof q.contentUpdatedAfter === 'string' ? Date.parse(q.contentUpdatedAfter) : undefined;
	const labels =
		Array.isArray(q.label) && q.label.length ? new Set(q.label as string[]) : undefined;
	const token = typeof q.continuationToken === 'string' ? q.continuationToken : undefined;
	if (token !== undefined && !/^id_[0-9a-f-]{36}$/.test(token)) return empty(400);
	const from = token?.slice(3);
	const matching: StoredDialog[] = [];
	for (const party of parties) {
		for (const d of op.store.forParty(party)) {
			if (d.org !== org || d.deletedAt !== undefined) continue;
			if (after !== undefined && d.contentUpdatedAt < after) continue;
			if (labels && !d.systemLabels.some((l) => labels.has(l))) continue;
			if (from !== undefined && d.id <= from) continue;
			matching.push(d);
		}
	}
	matching.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const items = matching.slice(0, limit);
	const hasNextPage = matching.length > limit;
	return json(
		200,
		shape(
			'PaginatedListOfV1ServiceOwnerDialogsQueriesSearchEndUserContext_DialogEndUserContextItem',
			{
				items: items.map((d) => ({
					dialogId: d.id,
					endUserContextRevision: d.endUserContextRevision,
					systemLabels: [...d.systemLabels],
				})),
				hasNextPage,
				continuationToken: hasNextPage ? `id_${items[items.length - 1].id}` : null,
				orderBy: 'id_asc',
			},
		),
	);
}

export const searchOperations = {
	V1EndUserDialogsQueriesSearch_Dialog: endUser(endUserSearch),
	V1ServiceOwnerDialogsQueriesSearch_Dialog: serviceOwner(serviceOwnerSearch),
	V1ServiceOwnerDialogsQueriesSearchEndUserContext_DialogEndUserContext:
		serviceOwner(endUserContextSearch),
} satisfies OperationTable;
