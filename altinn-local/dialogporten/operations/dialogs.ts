// Dialogs as a whole: read by end users (with a dialog token) and service owners, created,
// deleted, purged, restored and frozen by service owners, and the notification condition check.
import { canAccess, endUserActorId, endUserName, type Principal } from '../../auth';
import { resources } from '../../fixtures';
import { empty, json, type Response } from '../../http';
import { buildActivity, buildTransmission, Errors, partyError } from '../commands';
import { endUserViewer, serviceOwnerViewer } from '../end-users';
import { StoredDialog, uuidv4, uuidv7, type Schemas } from '../model';
import { endUser, serviceOwner, type Operation, type OperationTable } from '../operation';
import { shape } from '../shape';
import { dialogDetailsSuperset, type Viewer } from '../views';
import { applyMutable } from './dialog-updates';
import { checkTransmissions } from './transmissions';

/**
 * The dialog token: an EdDSA JWT verifiable with the well-known JWKS. Claim names follow
 * Dialogporten's dialog token (c: authenticated party, l: authentication level, p: dialog party,
 * s: service resource, i: dialog id, a: authorized actions); the references do not list them.
 */
function dialogToken(
	op: Operation,
	d: StoredDialog,
	p: Principal,
	viewer: Viewer,
): Promise<string> {
	const now = Math.floor(Date.now() / 1000);
	const actions = new Set<string>(['read']);
	const grant = canAccess(viewer.grants ?? [], d.party, d.serviceResource);
	if (grant) {
		for (const g of d.details.guiActions) actions.add(g.action);
		for (const a of d.details.apiActions) actions.add(a.action);
	}
	const claims: Record<string, unknown> = {
		c: endUserActorId(p),
		l: p.authLevel,
		p: d.party,
		s: d.serviceResource,
		i: d.id,
		a: [...actions].join(';'),
		nbf: now,
		exp: now + op.state.ctx.options.lifetimes.dialogToken,
	};
	if (p.claims.supplier) claims.u = (p.claims.supplier as { ID?: string }).ID;
	return op.state.ctx.tokens.sign('dialogporten', claims);
}

/** A details read counts as "seen": one seen-log entry per actor per dialog update. */
function markSeen(
	op: Operation,
	d: StoredDialog,
	actorId: string,
	entry: { actorName?: string; isViaServiceOwner: boolean },
): void {
	if (d.seenLog.some((s) => s.actorId === actorId && s.seenAt >= d.updatedAt)) return;
	const now = Date.now();
	const seen = { id: uuidv7(now), seenAt: Math.max(now, d.updatedAt), actorId, ...entry };
	d.seenLog = [...d.seenLog, seen];
	op.state.emit('dialogporten.dialog.seen.v1', d, undefined, undefined, seen.id);
}

async function endUserGet(op: Operation): Promise<Response> {
	const d = op.endUserDialog();
	const p = op.principal;
	markSeen(op, d, endUserActorId(p)!, { actorName: endUserName(p), isViaServiceOwner: false });
	const viewer = endUserViewer(p);
	const superset = dialogDetailsSuperset(d, viewer);
	superset.dialogToken = await dialogToken(op, d, p, viewer);
	return op.ok('V1EndUserDialogsQueriesGet_Dialog', superset);
}

function serviceOwnerGet(op: Operation): Response {
	const d = op.serviceOwnerDialog({ allowDeleted: true });
	const viewer = serviceOwnerViewer(op);
	if (typeof viewer === 'string') return op.problem(404, viewer);
	if (viewer.actorId && viewer.grants) {
		if (!canAccess(viewer.grants, d.party, d.serviceResource)) return empty(403);
		// "GET ...?EndUserId=..." counts as seen for that user, via the service owner.
		markSeen(op, d, viewer.actorId, { isViaServiceOwner: true });
	}
	return op.ok('V1ServiceOwnerDialogsQueriesGet_Dialog', dialogDetailsSuperset(d, viewer));
}

function notificationCondition(op: Operation): Response {
	const d = op.store.get(op.params.dialogId);
	if (d && d.org !== op.principal.serviceOwnerCode) return empty(403);
	const conditionType = op.query.conditionType as string;
	const activityType = op.query.activityType as string;
	const transmissionId = op.query.transmissionId as string | undefined;
	let sendNotification = false;
	if (d && d.deletedAt === undefined) {
		const exists = d.details.activities.some(
			(a) => a.type === activityType && (!transmissionId || a.transmissionId === transmissionId),
		);
		sendNotification = conditionType === 'Exists' ? exists : !exists;
	}
	return json(
		200,
		shape('V1ServiceOwnerDialogsQueriesNotificationCondition_NotificationCondition', {
			sendNotification,
		}),
	);
}

function create(op: Operation): Response {
	const body = (op.body ?? {}) as Schemas['V1ServiceOwnerDialogsCommandsCreate_Dialog'];
	const org = op.principal.serviceOwnerCode!;
	const errors = new Errors();
	const pe = partyError(body.party);
	if (pe) errors.add('Party', pe);
	const resource = Object.values(resources).find((r) => r.urn === body.serviceResource);
	if (!body.serviceResource) errors.add('ServiceResource', 'ServiceResource is required.');
	else if (!/^urn:altinn:resource:[a-z0-9_-]+$/i.test(body.serviceResource))
		errors.add('ServiceResource', "ServiceResource must be 'urn:altinn:resource:<id>'.");
	else if (!resource)
		errors.add(
			'ServiceResource',
			`Service resource '${body.serviceResource}' does not exist in the resource registry.`,
		);
	if (resource && resource.owner !== org && !errors.any) return empty(403);
	if (body.id && op.store.get(body.id)) return empty(409);
	if (body.idempotentKey && op.store.byIdempotent(org, body.idempotentKey)) return empty(409);
	const now = Date.now();
	const createdAt = body.createdAt ? Date.parse(body.createdAt) : now;
	const updatedAt = body.updatedAt ? Date.parse(body.updatedAt) : createdAt;
	if (updatedAt < createdAt) errors.add('UpdatedAt', 'UpdatedAt cannot be earlier than CreatedAt.');
	if (body.id && !/^[0-9a-f]{8}-[0-9a-f]{4}-7/i.test(body.id))
		errors.add('Id', 'Id must be a valid UUIDv7.');
	const d = new StoredDialog();
	d.id = body.id ?? uuidv7(createdAt);
	d.org = org;
	d.party = body.party ?? '';
	d.serviceResource = body.serviceResource ?? '';
	d.serviceResourceType = resource?.resourceType ?? 'GenericAccessResource';
	d.revision = uuidv4();
	d.endUserContextRevision = uuidv4();
	d.serviceOwnerContextRevision = uuidv4();
	d.idempotentKey = body.idempotentKey ?? undefined;
	d.isApiOnly = body.isApiOnly ?? false;
	d.createdAt = createdAt;
	d.updatedAt = updatedAt;
	d.contentUpdatedAt = updatedAt;
	applyMutable(d, body, errors, now);
	if (body.visibleFrom) d.visibleFrom = Date.parse(body.visibleFrom);
	if (body.systemLabel) d.systemLabels = [body.systemLabel];
	d.serviceOwnerLabels = (body.serviceOwnerContext?.serviceOwnerLabels ?? [])
		.map((l) => l.value ?? '')
		.filter(Boolean);
	const transmissions = (body.transmissions ?? []).map((t, i) =>
		buildTransmission(t, `Transmissions[${i}]`, now, errors, d.isApiOnly),
	);
	const transmissionIds = new Set(transmissions.map((t) => t.id));
	checkTransmissions(transmissions, [], transmissionIds, errors);
	const activities = (body.activities ?? []).map((a, i) =>
		buildActivity(a, `Activities[${i}]`, now, errors, transmissionIds),
	);
	if (errors.any) return op.problem(400, 'Validation failed.', errors.fields);
	d.details.transmissions = transmissions;
	d.details.activities = activities;
	op.store.add(d);
	op.state.ctx.counters.increment('dialogporten.created', org);
	op.state.emit('dialogporten.dialog.created.v1', d);
	for (const a of activities) op.state.emitActivity(d, a);
	for (const t of transmissions) op.state.emitTransmission(d, t);
	return json(201, d.id, {
		Etag: d.revision,
		Location: `/dialogporten/api/v1/serviceowner/dialogs/${d.id}`,
	});
}

export const dialogOperations = {
	V1EndUserDialogsQueriesGet_Dialog: endUser(endUserGet),
	V1ServiceOwnerDialogsQueriesGet_Dialog: serviceOwner(serviceOwnerGet),
	V1ServiceOwnerDialogsQueriesNotificationCondition_NotificationCondition:
		serviceOwner(notificationCondition),
	V1ServiceOwnerDialogsCommandsCreate_Dialog: serviceOwner(create),

	V1ServiceOwnerDialogsCommandsDelete_Dialog: serviceOwner((op) => {
		const d = op.serviceOwnerDialog({ write: true });
		op.requireRevision(d.revision);
		d.deletedAt = Date.now();
		op.state.changed(d);
		op.state.emit('dialogporten.dialog.deleted.v1', d);
		return empty(204, { Etag: d.revision });
	}),
	V1ServiceOwnerDialogsCommandsPurge_Dialog: serviceOwner((op) => {
		const d = op.serviceOwnerDialog({ allowDeleted: true, write: true });
		op.requireRevision(d.revision);
		op.store.remove(d);
		if (d.deletedAt === undefined) op.state.emit('dialogporten.dialog.deleted.v1', d);
		return empty(204);
	}),
	V1ServiceOwnerDialogsCommandsRestore_Dialog: serviceOwner((op) => {
		const d = op.serviceOwnerDialog({ allowDeleted: true });
		op.requireRevision(d.revision);
		if (d.deletedAt === undefined) return empty(204);
		d.deletedAt = undefined;
		op.state.changed(d);
		op.state.emit('dialogporten.dialog.restored.v1', d);
		return empty(204);
	}),
	V1ServiceOwnerDialogsCommandsFreeze_FreezeDialog: serviceOwner((op) => {
		const d = op.serviceOwnerDialog();
		op.requireRevision(d.revision);
		if (!d.frozen) {
			d.frozen = true;
			op.state.changed(d);
			op.state.emit('dialogporten.dialog.updated.v1', d);
		}
		return empty(204, { Etag: d.revision });
	}),
} satisfies OperationTable;
