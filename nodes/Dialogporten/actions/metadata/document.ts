import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toItems } from '../../helpers/utils';
import { apiRequest } from '../../transport';
import type { DialogportenOperation, OperationResult } from '../node.type';

/** An operation without fields that reads one anonymous metadata document and outputs it as one item. */
export function metadataDocument(path: string): DialogportenOperation {
	return {
		properties: [],
		async execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
			const document = (await apiRequest.call(this, {
				api: 'metadata',
				method: 'GET',
				path,
				itemIndex,
			})) as IDataObject;
			return toItems(document, itemIndex);
		},
	};
}
