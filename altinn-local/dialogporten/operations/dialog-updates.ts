// Replacing a dialog (PUT) and patching it (JSON Patch applied to the PUT model). Activities and
// transmissions only grow: both writes may append to them, never change or remove one.
import { empty, type Response } from '../../http';
import {
	buildActivity,
	buildApiActions,
	buildAttachments,
	buildContent,
	buildGuiActions,
	buildTransmission,
	Errors,
	outputStatus,
} from '../commands';
import { StoredDialog, type Schemas } from '../model';
import { serviceOwner, type Operation, type OperationTable } from '../operation';
import { applyPatch, PatchError, type PatchOperation } from '../patch';
import { shape } from '../shape';
import { dialogDetailsSuperset } from '../views';
import { checkTransmissions } from './transmissions';

type UpdateBody = Schemas['V1ServiceOwnerDialogsCommandsUpdate_Dialog'];

/** Fields that create, PUT and PATCH all set. */
export function applyMutable(
	d: StoredDialog,
	body: UpdateBody | Schemas['V1ServiceOwnerDialogsCommandsCreate_Dialog'],
	errors: Errors,
	now: number,
): void {
	d.status = outputStatus(body.status);
	d.extendedStatus = body.extendedStatus ?? undefined;
	d.externalReference = body.externalReference ?? undefined;
	d.progress = body.progress ?? undefined;
	d.process = body.process ?? undefined;
	d.precedingProcess = body.precedingProcess ?? undefined;
	d.dueAt = body.dueAt ? Date.parse(body.dueAt) : undefined;
	d.expiresAt = body.expiresAt ? Date.parse(body.expiresAt) : undefined;
	if (
		body.progress !== undefined &&
		body.progress !== null &&
		(body.progress < 1 || body.progress > 100)
	)
		errors.add('Progress', 'Progress must be between 1 and 100.');
	if (body.process && !/^[a-z][a-z0-9+.-]*:/i.test(body.process))
		errors.add('Process', 'Process must be a URI.');
	const content = buildContent(body.content, d.isApiOnly, errors);
	d.details = {
		...d.details,
		content,
		attachments: buildAttachments(body.attachments, 'Attachments', now, errors),
		guiActions: buildGuiActions(body.guiActions, now, errors),
		apiActions: buildApiActions(body.apiActions, now, errors),
		searchTags: (body.searchTags ?? []).map((t) => t.value ?? '').filter(Boolean),
	};
}

function replaceDialog(op: Operation, d: StoredDialog, body: UpdateBody): Response {
	const now = Date.now();
	const errors = new Errors();
	const existing = d.details;
	if (existing.transmissions.some((t) => !t.content) && d.isApiOnly && body.isApiOnly === false) {
		errors.add(
			'IsApiOnly',
			'IsApiOnly cannot be reverted to false: transmissions without content exist.',
		);
	}
	const newTransmissions = (body.transmissions ?? []).map((t, i) =>
		buildTransmission(t, `Transmissions[${i}]`, now, errors, body.isApiOnly ?? false),
	);
	if (newTransmissions.some((t) => existing.transmissions.some((x) => x.id === t.id)))
		return empty(409);
	if (
		newTransmissions.some(
			(t) =>
				t.idempotentKey && existing.transmissions.some((x) => x.idempotentKey === t.idempotentKey),
		)
	)
		return empty(409);
	const ids = new Set([...existing.transmissions, ...newTransmissions].map((t) => t.id));
	checkTransmissions(newTransmissions, existing.transmissions, ids, errors);
	const newActivities = (body.activities ?? []).map((a, i) =>
		buildActivity(a, `Activities[${i}]`, now, errors, ids),
	);
	if (newActivities.some((a) => existing.activities.some((x) => x.id === a.id))) return empty(409);
	const before = JSON.stringify([existing.content, d.status, d.extendedStatus]);
	// Validate on a copy first: a rejected update leaves the dialog as it was.
	const scratch = Object.assign(new StoredDialog(), { isApiOnly: body.isApiOnly ?? false });
	scratch.details = { ...existing };
	applyMutable(scratch, body, errors, now);
	if (errors.any) return op.problem(400, 'Validation failed.', errors.fields);
	d.isApiOnly = body.isApiOnly ?? false;
	applyMutable(d, body, new Errors(), now);
	d.details = {
		...d.details,
		transmissions: [...existing.transmissions, ...newTransmissions],
		activities: [...existing.activities, ...newActivities],
	};
	const contentChanged =
		before !== JSON.stringify([d.details.content, d.status, d.extendedStatus]) ||
		newTransmissions.length > 0;
	op.state.changed(d, { content: contentChanged, at: now });
	op.state.emit('dialogporten.dialog.updated.v1', d);
	for (const a of newActivities) op.state.emitActivity(d, a);
	for (const t of newTransmissions) op.state.emitTransmission(d, t);
	return empty(204, { Etag: d.revision });
}

/** The document a JSON Patch applies to: the dialog in the PUT (update) model. */
function updateModel(d: StoredDialog): Record<string, unknown> {
	const superset = dialogDetailsSuperset(d, { endUser: false });
	const model = shape('V1ServiceOwnerDialogsCommandsUpdate_Dialog', superset) as Record<
		string,
		unknown
	>;
	model.status = d.status;
	return model;
}

const IMMUTABLE_LIST = /^\/(activities|transmissions)(\/|$)/;

function patch(op: Operation): Response {
	const d = op.serviceOwnerDialog({ write: true });
	op.requireRevision(d.revision);
	const ops = (op.body ?? []) as PatchOperation[];
	for (const [i, o] of ops.entries()) {
		const path = o.path ?? '';
		if (IMMUTABLE_LIST.test(path) || IMMUTABLE_LIST.test(o.from ?? '')) {
			const list = path.split('/')[1] as 'activities' | 'transmissions';
			const appendOnly =
				o.op === 'add' && (path === `/${list}/-` || path === `/${list}/${d.details[list].length}`);
			if (!appendOnly) {
				return op.problem(
					400,
					'Activities and transmissions are immutable: only appending is allowed.',
					{
						[`[${i}].path`]: [
							`'${o.op}' on '${path}' is not allowed; the list of ${list} is immutable (use add with '/${list}/-').`,
						],
					},
				);
			}
		}
	}
	const base = updateModel(d);
	const existing = {
		activities: (base.activities as unknown[] | undefined)?.length ?? 0,
		transmissions: (base.transmissions as unknown[] | undefined)?.length ?? 0,
	};
	let patched: Record<string, unknown>;
	try {
		patched = applyPatch(base, ops);
	} catch (e) {
		if (e instanceof PatchError)
			return op.problem(e.testFailed ? 422 : 400, e.message, { patchDocument: [e.message] });
		throw e;
	}
	const problems = op.state.ctx.spec.validateRequestBody(
		'V1ServiceOwnerDialogsCommandsUpdate_Dialog',
		'application/json',
		patched as never,
	);
	if (problems.length)
		return op.problem(400, 'The patched dialog is not a valid dialog.', {
			patchDocument: problems,
		});
	const body = patched as UpdateBody;
	body.activities = (body.activities ?? []).slice(existing.activities);
	body.transmissions = (body.transmissions ?? []).slice(existing.transmissions);
	return replaceDialog(op, d, body);
}

export const dialogUpdateOperations = {
	V1ServiceOwnerDialogsCommandsUpdate_Dialog: serviceOwner((op) => {
		const d = op.serviceOwnerDialog({ write: true });
		op.requireRevision(d.revision);
		return replaceDialog(op, d, op.body as UpdateBody);
	}),
	V1ServiceOwnerDialogsPatchDialog: serviceOwner(patch),
} satisfies OperationTable;
