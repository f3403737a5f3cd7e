/**
 * The entries a dialog lists (activities, transmissions, seen log, labels): Get Many lists them,
 * Get reads one by its ID. Each operation is built here from the collection's name.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { DialogportenApi } from '../helpers/interfaces';
import {
	dialogPath,
	getApi,
	getDialogId,
	getSimplifyOptions,
	shapeOutput,
	toItems,
	validator,
} from '../helpers/utils';
import { apiRequest } from '../transport';
import { dialogRLC, simplifyFields } from './common.descriptions';
import type { DialogportenOperation } from './node.type';

export interface ChildCollection {
	/** The path segment under the dialog, e.g. `activities`. */
	path: string;
	/** Whether the operations offer the Simplify fields (the entries have localized texts). */
	simplify: boolean;
	/** The API the collection exists in, when only one has it. */
	api?: DialogportenApi;
}

/** The required ID field of one entry. */
export function childIdField(name: string, displayName: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 0193b2c4-5d6e-7f80-9a1b-2c3d4e5f6a7b',
	};
}

/** Get Many: one item per entry, with its dialog ID. */
export function listChildrenOperation(collection: ChildCollection): DialogportenOperation {
	return {
		properties: [dialogRLC, ...(collection.simplify ? simplifyFields : [])],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const api = collection.api ?? getApi.call(this, itemIndex);
			const dialogId = getDialogId.call(this, itemIndex);
			const response = (await apiRequest.call(this, {
				api,
				method: 'GET',
				path: dialogPath(api, dialogId, `/${collection.path}`),
				itemIndex,
			})) as IDataObject[];
			const entries = shapeOutput(response ?? [], getSimplifyOptions.call(this, itemIndex));
			return toItems(
				entries.map((entry) => ({ dialogId, ...entry })),
				itemIndex,
			);
		},
	};
}

/** Get: one entry by the ID in `idField`, with its dialog ID; `label` names the ID in errors. */
export function getChildOperation(
	collection: ChildCollection,
	idField: INodeProperties,
	label = idField.displayName,
): DialogportenOperation {
	return {
		properties: [dialogRLC, idField, ...(collection.simplify ? simplifyFields : [])],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const api = getApi.call(this, itemIndex);
			const dialogId = getDialogId.call(this, itemIndex);
			const childId = validator
				.call(this, itemIndex)
				.uuid(this.getNodeParameter(idField.name, itemIndex, ''), label);
			const response = (await apiRequest.call(this, {
				api,
				method: 'GET',
				path: dialogPath(api, dialogId, `/${collection.path}/${childId}`),
				itemIndex,
			})) as IDataObject;
			return toItems(
				{ dialogId, ...shapeOutput(response, getSimplifyOptions.call(this, itemIndex)) },
				itemIndex,
			);
		},
	};
}
