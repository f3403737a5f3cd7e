import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { DialogportenApi } from '../helpers/interfaces';

/** What every `<operation>.operation.ts` module exports. */
export interface DialogportenOperation {
	description: INodeProperties[];
	/** Runs the operation for one input item and returns its output items. */
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		api: DialogportenApi,
	): Promise<INodeExecutionData[]>;
	/** The APIs the operation exists in (all when absent). */
	apis?: readonly DialogportenApi[];
}
