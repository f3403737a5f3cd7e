import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { DialogportenApi } from '../helpers/interfaces';

/** The output items of one operation run for one input item. */
export type OperationResult = Promise<INodeExecutionData[]>;

/** What every `<operation>.operation.ts` module exports. */
export interface DialogportenOperation {
	/** The operation's fields; its resource's table adds their display options. */
	properties: INodeProperties[];
	/** Runs the operation for one input item and returns its output items. */
	execute(this: IExecuteFunctions, itemIndex: number): OperationResult;
}

/** One operation in its resource's table. */
export interface OperationRow {
	/** The option's name in the Operation list. */
	name: string;
	/** What n8n's node creator lists for the operation ("Create a dialog"). */
	action: string;
	description: string;
	/** The APIs the operation exists in; both when absent. */
	apis?: readonly DialogportenApi[];
	/** The module that implements it. */
	operation: DialogportenOperation;
}

/** A resource and its operations, keyed by the `operation` parameter's value, in list order. */
export interface ResourceTable<Operation extends string = string> {
	/** The option's name in the Resource list. */
	name: string;
	description: string;
	/** The operation chosen when the resource is picked. */
	default: Operation;
	operations: Record<Operation, OperationRow>;
}
