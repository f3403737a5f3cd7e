import type { IExecuteFunctions, INodeExecutionData, IHttpRequestMethods } from 'n8n-workflow';

import { getDialogId, toItems } from '../../helpers/utils';
import { writeWithRevision } from '../revisionCheckedWrite';

/** Runs a service-owner dialog command (delete, restore, purge, freeze) with the chosen If-Match. */
export async function runDialogCommand(
	this: IExecuteFunctions,
	itemIndex: number,
	method: IHttpRequestMethods,
	path: string,
	outcome: string,
): Promise<INodeExecutionData[]> {
	const dialogId = getDialogId.call(this, itemIndex);
	const { revision } = await writeWithRevision.call(this, itemIndex, { dialogId, method, path });
	return toItems({ id: dialogId, revision, [outcome]: true }, itemIndex);
}
