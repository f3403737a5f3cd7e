/** How service resource lists are output, shared by Service Resource → Get Many and Metadata. */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { getSimplifyOptions, shapeOutput, toItems } from '../../helpers/utils';

export const serviceResourceOutputField: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	default: 'perResource',
	options: [
		{ name: 'One Item per Service Resource', value: 'perResource' },
		{ name: 'One Item With All Service Resources', value: 'single' },
	],
};

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
