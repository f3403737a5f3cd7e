// A dialog's service-owner context: the service owner's own labels (case-insensitive, unique),
// read, added and removed under their own revision.
import { empty, json } from '../../http';
import { uuidv4 } from '../model';
import { serviceOwner, type OperationTable } from '../operation';
import { shape } from '../shape';

export const serviceOwnerContextOperations = {
	V1ServiceOwnerServiceOwnerContextQueriesGetServiceOwnerLabel_ServiceOwnerLabel: serviceOwner(
		(op) =>
			json(
				200,
				op
					.serviceOwnerDialog()
					.serviceOwnerLabels.map((value) =>
						shape(
							'V1ServiceOwnerServiceOwnerContextQueriesGetServiceOwnerLabels_ServiceOwnerLabel',
							{ value },
						),
					),
			),
	),
	V1ServiceOwnerServiceOwnerContextCommandsCreateServiceOwnerLabel_ServiceOwnerLabel: serviceOwner(
		(op) => {
			const d = op.serviceOwnerDialog();
			op.requireRevision(d.serviceOwnerContextRevision);
			const value = ((op.body ?? {}) as { value?: string }).value;
			if (typeof value !== 'string' || value.length < 3 || value.length > 255)
				return op.problem(400, 'Label value must be between 3 and 255 characters.', {
					value: ['Label value must be between 3 and 255 characters.'],
				});
			if (d.serviceOwnerLabels.some((l) => l.toLowerCase() === value.toLowerCase()))
				return empty(409);
			d.serviceOwnerLabels = [...d.serviceOwnerLabels, value];
			d.serviceOwnerContextRevision = uuidv4();
			return empty(204, { Etag: d.serviceOwnerContextRevision });
		},
	),
	V1ServiceOwnerServiceOwnerContextCommandsDeleteServiceOwnerLabel_ServiceOwnerLabel: serviceOwner(
		(op) => {
			const d = op.serviceOwnerDialog();
			op.requireRevision(d.serviceOwnerContextRevision);
			const label = op.params.label.toLowerCase();
			const index = d.serviceOwnerLabels.findIndex((l) => l.toLowerCase() === label);
			if (index < 0)
				return op.problem(404, `Label '${op.params.label}' was not found on the dialog.`);
			d.serviceOwnerLabels = d.serviceOwnerLabels.filter((_, i) => i !== index);
			d.serviceOwnerContextRevision = uuidv4();
			return empty(204, { Etag: d.serviceOwnerContextRevision });
		},
	),
} satisfies OperationTable;
