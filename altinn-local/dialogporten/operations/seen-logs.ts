// Who has seen a dialog: listed and read by end users and service owners. Entries are written by
// dialog reads (see dialogs.ts).
import type { SeenEntry, StoredDialog } from '../model';
import { endUserViewer } from '../end-users';
import { endUser, serviceOwner, type Operation, type OperationTable } from '../operation';
import { seenEntrySuperset } from '../views';

function seenEntry(op: Operation, d: StoredDialog): SeenEntry {
	const s = d.seenLog.find((x) => x.id === op.params.seenLogId);
	if (!s) op.fail(404, `Seen log with key '${op.params.seenLogId}' was not found.`);
	return s;
}

export const seenLogOperations = {
	V1EndUserDialogsQueriesSearchSeenLogs_DialogSeenLog: endUser((op) => {
		const d = op.endUserDialog();
		const viewer = endUserViewer(op.principal);
		return op.okArray(
			'V1EndUserDialogsQueriesSearchSeenLogs_SeenLog',
			d.seenLog.map((s) => seenEntrySuperset(s, viewer)),
		);
	}),
	V1EndUserDialogsQueriesGetSeenLog_DialogSeenLog: endUser((op) =>
		op.ok(
			'V1EndUserDialogsQueriesGetSeenLog_SeenLog',
			seenEntrySuperset(seenEntry(op, op.endUserDialog()), endUserViewer(op.principal)),
		),
	),
	V1ServiceOwnerDialogsQueriesSearchSeenLogs_DialogSeenLog: serviceOwner((op) =>
		op.okArray(
			'V1ServiceOwnerDialogsQueriesSearchSeenLogs_SeenLog',
			op.serviceOwnerDialog().seenLog.map((s) => seenEntrySuperset(s, { endUser: false })),
		),
	),
	V1ServiceOwnerDialogsQueriesGetSeenLog_DialogSeenLog: serviceOwner((op) =>
		op.ok(
			'V1ServiceOwnerDialogsQueriesGetSeenLog_SeenLog',
			seenEntrySuperset(seenEntry(op, op.serviceOwnerDialog()), { endUser: false }),
		),
	),
} satisfies OperationTable;
