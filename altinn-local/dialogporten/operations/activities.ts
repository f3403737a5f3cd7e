// A dialog's activity history: listed and read by end users and service owners, appended to by
// service owners.
import { empty, json } from '../../http';
import { buildActivity, Errors } from '../commands';
import type { Activity, StoredDialog } from '../model';
import { endUser, serviceOwner, type Operation, type OperationTable } from '../operation';
import { activitySuperset } from '../views';

function activity(op: Operation, d: StoredDialog): Activity {
	const a = d.details.activities.find((x) => x.id === op.params.activityId);
	if (!a) op.fail(404, `Activity with key '${op.params.activityId}' was not found.`);
	return a;
}

export const activityOperations = {
	V1EndUserDialogsQueriesSearchActivities_DialogActivity: endUser((op) =>
		op.okArray(
			'V1EndUserDialogsQueriesSearchActivities_Activity',
			op.endUserDialog().details.activities.map(activitySuperset),
		),
	),
	V1EndUserDialogsQueriesGetActivity_DialogActivity: endUser((op) =>
		op.ok(
			'V1EndUserDialogsQueriesGetActivity_Activity',
			activitySuperset(activity(op, op.endUserDialog())),
		),
	),
	V1ServiceOwnerDialogsQueriesSearchActivities_DialogActivity: serviceOwner((op) =>
		op.okArray(
			'V1ServiceOwnerDialogsQueriesSearchActivities_Activity',
			op.serviceOwnerDialog({ allowDeleted: true }).details.activities.map(activitySuperset),
		),
	),
	V1ServiceOwnerDialogsQueriesGetActivity_DialogActivity: serviceOwner((op) =>
		op.ok(
			'V1ServiceOwnerDialogsQueriesGetActivity_Activity',
			activitySuperset(activity(op, op.serviceOwnerDialog())),
		),
	),
	V1ServiceOwnerDialogsCommandsCreateActivity_DialogActivity: serviceOwner((op) => {
		const d = op.serviceOwnerDialog({ write: true });
		op.requireRevision(d.revision);
		const errors = new Errors();
		const now = Date.now();
		const a = buildActivity(
			op.body as never,
			'Activity',
			now,
			errors,
			new Set(d.details.transmissions.map((t) => t.id)),
		);
		if (errors.any) return op.problem(400, 'Validation failed.', errors.fields);
		if (d.details.activities.some((x) => x.id === a.id)) return empty(409);
		d.details.activities.push(a);
		op.state.changed(d, { at: now });
		op.state.emit('dialogporten.dialog.updated.v1', d);
		op.state.emitActivity(d, a);
		return json(201, a.id, {
			Etag: d.revision,
			Location: `/dialogporten/api/v1/serviceowner/dialogs/${d.id}/activities/${a.id}`,
		});
	}),
} satisfies OperationTable;
