// A dialog's transmissions: listed and read by end users and service owners, created and (with
// the change-transmissions scope) replaced by service owners.
import { empty, json } from '../../http';
import { buildTransmission, Errors } from '../commands';
import { endUserViewer } from '../end-users';
import { iso, type Schemas, type StoredDialog, type Transmission } from '../model';
import { endUser, serviceOwner, type Operation, type OperationTable } from '../operation';
import { transmissionSuperset } from '../views';

/** Rules for transmissions being added next to `existing`: related ids exist, idempotent keys unique. */
export function checkTransmissions(
	added: Transmission[],
	existing: Transmission[],
	ids: Set<string>,
	errors: Errors,
): void {
	const keys = new Set(existing.map((t) => t.idempotentKey).filter(Boolean));
	for (const [i, t] of added.entries()) {
		if (t.relatedTransmissionId && !ids.has(t.relatedTransmissionId))
			errors.add(
				`Transmissions[${i}].RelatedTransmissionId`,
				`Transmission ${t.relatedTransmissionId} does not exist in the dialog.`,
			);
		if (t.idempotentKey) {
			if (keys.has(t.idempotentKey))
				errors.add(
					`Transmissions[${i}].IdempotentKey`,
					`IdempotentKey '${t.idempotentKey}' is already used in the dialog.`,
				);
			keys.add(t.idempotentKey);
		}
	}
}

function transmissionIndex(op: Operation, d: StoredDialog): number {
	const index = d.details.transmissions.findIndex((x) => x.id === op.params.transmissionId);
	if (index < 0) op.fail(404, `Transmission with key '${op.params.transmissionId}' was not found.`);
	return index;
}

export const transmissionOperations = {
	V1EndUserDialogsQueriesSearchTransmissions_DialogTransmission: endUser((op) => {
		const d = op.endUserDialog();
		const viewer = endUserViewer(op.principal);
		return op.okArray(
			'V1EndUserDialogsQueriesSearchTransmissions_Transmission',
			d.details.transmissions.map((t) => transmissionSuperset(d, t, viewer)),
		);
	}),
	V1EndUserDialogsQueriesGetTransmission_DialogTransmission: endUser((op) => {
		const d = op.endUserDialog();
		const t = d.details.transmissions[transmissionIndex(op, d)];
		return op.ok(
			'V1EndUserDialogsQueriesGetTransmission_Transmission',
			transmissionSuperset(d, t, endUserViewer(op.principal)),
		);
	}),
	V1ServiceOwnerDialogsQueriesSearchTransmissions_DialogTransmission: serviceOwner((op) => {
		const d = op.serviceOwnerDialog();
		return op.okArray(
			'V1ServiceOwnerDialogsQueriesSearchTransmissions_Transmission',
			d.details.transmissions.map((t) => transmissionSuperset(d, t, { endUser: false })),
		);
	}),
	V1ServiceOwnerDialogsQueriesGetTransmission_DialogTransmission: serviceOwner((op) => {
		const d = op.serviceOwnerDialog();
		const t = d.details.transmissions[transmissionIndex(op, d)];
		return op.ok(
			'V1ServiceOwnerDialogsQueriesGetTransmission_Transmission',
			transmissionSuperset(d, t, { endUser: false }),
		);
	}),

	V1ServiceOwnerDialogsCommandsCreateTransmission_DialogTransmission: serviceOwner((op) => {
		const d = op.serviceOwnerDialog({ write: true });
		op.requireRevision(d.revision);
		const errors = new Errors();
		const now = Date.now();
		const t = buildTransmission(op.body as never, 'Transmission', now, errors, d.isApiOnly);
		const existing = d.details.transmissions;
		if (
			existing.some((x) => x.id === t.id) ||
			(t.idempotentKey && existing.some((x) => x.idempotentKey === t.idempotentKey))
		)
			return empty(409);
		checkTransmissions([t], existing, new Set([...existing.map((x) => x.id), t.id]), errors);
		if (errors.any) return op.problem(400, 'Validation failed.', errors.fields);
		existing.push(t);
		op.state.changed(d, { content: true, at: now });
		op.state.emit('dialogporten.dialog.updated.v1', d);
		op.state.emitTransmission(d, t);
		return json(201, t.id, {
			Etag: d.revision,
			Location: `/dialogporten/api/v1/serviceowner/dialogs/${d.id}/transmissions/${t.id}`,
		});
	}),

	V1ServiceOwnerDialogsCommandsUpdateTransmission_DialogTransmission: serviceOwner((op) => {
		const d = op.serviceOwnerDialog({ write: true });
		op.requireRevision(d.revision);
		const list = d.details.transmissions;
		const index = transmissionIndex(op, d);
		const body =
			op.body as Schemas['V1ServiceOwnerDialogsCommandsUpdateTransmission_TransmissionRequest'];
		const errors = new Errors();
		const now = Date.now();
		const t = buildTransmission(
			{
				...body,
				id: list[index].id,
				createdAt: body.createdAt ?? iso(list[index].createdAt)!,
			} as never,
			'Transmission',
			now,
			errors,
			d.isApiOnly,
		);
		if (t.idempotentKey && list.some((x, i) => i !== index && x.idempotentKey === t.idempotentKey))
			return empty(409);
		checkTransmissions([t], [], new Set(list.map((x) => x.id)), errors);
		if (errors.any) return op.problem(400, 'Validation failed.', errors.fields);
		list[index] = t;
		op.state.changed(d, { content: !body.isSilentUpdate, at: now });
		// A silent update sends no events to Altinn Events.
		if (!body.isSilentUpdate) op.state.emit('dialogporten.dialog.updated.v1', d);
		return empty(204, { Etag: d.revision });
	}),
} satisfies OperationTable;
