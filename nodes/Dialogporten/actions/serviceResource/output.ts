/** How service resource lists are output, shared by Service Resource → Get Many and Metadata. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { getSimplifyOptions, shapeOutput, toItems } from '../../helpers/utils';
import { listOutputField } from '../common.descriptions';

export const serviceResourceOutputField = listOutputField(
	'perResource',
	'Service Resource',
	'Service Resources',
);

/** One item per service resource in the response's `items`, or the whole response as one item. */
export function serviceResourceItems(
	this: IExecuteFunctions,
	response: unknown,
	itemIndex: number,
): INodeExecutionData[] {
	const shaped = shapeOutput(response, getSimplifyOptions.call(this, itemIndex)) as IDataObject;
	if (this.getNodeParameter('output', itemIndex, 'perResource') === 'single') {
		return toItems(shaped, itemIndex);
	}
	return toItems((shaped.items as IDataObject[]) ?? [], itemIndex);
}
