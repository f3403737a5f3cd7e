// A dialog's end-user context: its system labels (Default, Bin, Archive, MarkedAsUnopened, ...),
// set by end users or by service owners on an end user's behalf, one dialog or many at a time, and
// the log of those changes.
import { canAccess, endUserParties, type PartyGrant } from '../../auth';
import { empty, type Response } from '../../http';
import { actorFrom, Errors } from '../commands';
import { endUserActor, endUserFromQuery } from '../end-users';
import { iso, uuidv4, type Schemas, type StoredDialog, type SystemLabel } from '../model';
import { endUser, serviceOwner, type Operation, type OperationTable } from '../operation';

type Actor = Schemas['V1ServiceOwnerCommonActors_Actor'];

const MAX_BULK_DIALOGS = 100;

/**
 * Applies add/remove (and the deprecated systemLabels) to a dialog's end-user context. Bin,
 * Archive and Default are mutually exclusive (the last one given wins); removing Bin or Archive
 * brings back Default unless Bin or Archive is added at the same time.
 */
function applyLabels(
	d: StoredDialog,
	body: {
		addLabels?: SystemLabel[] | null;
		removeLabels?: SystemLabel[] | null;
		systemLabels?: SystemLabel[] | null;
	},
	performedBy: Actor,
): void {
	const exclusive: SystemLabel[] = ['Default', 'Bin', 'Archive'];
	const before = new Set(d.systemLabels);
	const labels = new Set(d.systemLabels);
	const add = [...(body.systemLabels ?? []), ...(body.addLabels ?? [])];
	for (const l of body.removeLabels ?? []) labels.delete(l);
	for (const l of add) {
		if (exclusive.includes(l)) for (const e of exclusive) labels.delete(e);
		labels.add(l);
	}
	if (![...labels].some((l) => exclusive.includes(l))) labels.add('Default');
	const now = Date.now();
	const log = [...d.labelLog];
	for (const l of labels)
		if (!before.has(l))
			log.push({ name: l, action: 'set', createdAt: now, performedBy: performedBy as never });
	for (const l of before)
		if (!labels.has(l))
			log.push({ name: l, action: 'remove', createdAt: now, performedBy: performedBy as never });
	d.labelLog = log;
	d.systemLabels = [...labels];
	d.endUserContextRevision = uuidv4();
}

function serviceOwnerSetLabels(op: Operation): Response {
	const d = op.serviceOwnerDialog();
	op.requireRevision(d.endUserContextRevision);
	const body =
		op.body as Schemas['V1ServiceOwnerEndUserContextCommandsSetSystemLabel_SetDialogSystemLabelRequest'];
	const user = endUserFromQuery(op, 'enduserId');
	if (typeof user === 'string') return op.problem(400, user, { enduserId: [user] });
	if (!user && !body.performedBy)
		return op.problem(400, 'enduserId is required.', {
			enduserId: ['enduserId is required (performedBy is only for admin integrations).'],
		});
	if (user && !canAccess(user.grants, d.party, d.serviceResource)) return empty(403);
	const errors = new Errors();
	const performedBy = body.performedBy
		? actorFrom(body.performedBy, 'PerformedBy', errors)
		: {
				actorType: 'PartyRepresentative' as const,
				actorId: user!.actorId,
				actorName: user!.name,
			};
	if (errors.any) return op.problem(400, 'Validation failed.', errors.fields);
	applyLabels(d, body, performedBy);
	return empty(204, { Etag: d.endUserContextRevision });
}

/** All or nothing: every dialog must exist, be the caller's to change and match its revision. */
function bulkSetLabels(op: Operation, asEndUser: boolean): Response {
	const body =
		op.body as Schemas['V1EndUserEndUserContextCommandsBulkSetSystemLabels_BulkSetSystemLabel'] & {
			performedBy?: Actor;
		};
	const entries = body.dialogs ?? [];
	if (entries.length === 0 || entries.length > MAX_BULK_DIALOGS)
		return op.problem(400, `Between 1 and ${MAX_BULK_DIALOGS} dialogs must be given.`, {
			dialogs: [`Between 1 and ${MAX_BULK_DIALOGS} dialogs must be given.`],
		});
	let performedBy: Actor;
	let grants: PartyGrant[];
	if (asEndUser) {
		grants = endUserParties(op.principal);
		performedBy = endUserActor(op.principal);
	} else {
		const user = endUserFromQuery(op, 'enduserId');
		if (typeof user === 'string') return op.problem(400, user, { enduserId: [user] });
		if (!user)
			return op.problem(400, 'enduserId is required.', { enduserId: ['enduserId is required.'] });
		grants = user.grants;
		performedBy = body.performedBy ?? {
			actorType: 'PartyRepresentative',
			actorId: user.actorId,
			actorName: user.name,
		};
	}
	const dialogs: StoredDialog[] = [];
	const missing: string[] = [];
	for (const e of entries) {
		const d = op.store.get(e.dialogId ?? '');
		if (!d || d.deletedAt !== undefined) {
			missing.push(e.dialogId ?? '');
			continue;
		}
		if (!asEndUser && d.org !== op.principal.serviceOwnerCode) return empty(403);
		if (!canAccess(grants, d.party, d.serviceResource)) return empty(403);
		if (
			e.endUserContextRevision &&
			e.endUserContextRevision.toLowerCase() !== d.endUserContextRevision
		) {
			return op.problem(
				412,
				`The supplied EndUserContextRevision for dialog ${d.id} did not match the current revision. No labels were changed.`,
			);
		}
		dialogs.push(d);
	}
	if (missing.length)
		return op.problem(422, `Dialogs not found: ${missing.join(', ')}`, {
			dialogs: missing.map((m) => `Dialog ${m} was not found.`),
		});
	for (const d of dialogs) applyLabels(d, body, performedBy);
	return empty(204);
}

export const endUserContextOperations = {
	V1EndUserEndUserContextCommandsSetSystemLabel_SetDialogSystemLabels: endUser((op) => {
		const d = op.endUserDialog();
		op.requireRevision(d.endUserContextRevision);
		applyLabels(d, op.body as never, endUserActor(op.principal));
		return empty(204, { Etag: d.endUserContextRevision });
	}),
	V1EndUserEndUserContextQueriesSearchLabelAssignmentLogs_DialogLabelAssignmentLog: endUser((op) =>
		op.okArray(
			'V1EndUserEndUserContextQueriesSearchLabelAssignmentLog_LabelAssignmentLog',
			op.endUserDialog().labelLog.map((l) => ({
				name: l.name,
				action: l.action,
				createdAt: iso(l.createdAt),
				performedBy: l.performedBy,
			})),
		),
	),
	V1EndUserEndUserContextCommandsBulkSetSystemLabels_BulkSetDialogSystemLabels: endUser((op) =>
		bulkSetLabels(op, true),
	),
	V1ServiceOwnerEndUserContextCommandsSetSystemLabel_SetDialogSystemLabels:
		serviceOwner(serviceOwnerSetLabels),
	V1ServiceOwnerEndUserContextCommandsBulkSetSystemLabels_BulkSetDialogSystemLabels: serviceOwner(
		(op) => bulkSetLabels(op, false),
	),
} satisfies OperationTable;
