/**
 * Each resource states its operations once, in a table (*.resource.ts); the node's Resource and
 * Operation lists, the display options of every operation's fields, and the router's lookup are
 * derived from the tables here.
 */
import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import type { DialogportenApi } from '../helpers/interfaces';
import type { OperationRow, ResourceTable } from './node.type';

export const DIALOGPORTEN_APIS: readonly DialogportenApi[] = ['enduser', 'serviceowner'];

/** Checks a resource's table; a `default` that names no operation fails the build. */
export function defineResource<const Operation extends string>(
	table: Omit<ResourceTable<Operation>, 'default'> & { default: NoInfer<Operation> },
): ResourceTable<Operation> {
	return table;
}

function rows(table: ResourceTable): Array<[string, OperationRow]> {
	return Object.entries(table.operations);
}

function offeredIn(row: OperationRow, api: DialogportenApi): boolean {
	return !row.apis || row.apis.includes(api);
}

/** Whether the resource has an operation in that API. */
export function resourceOfferedIn(table: ResourceTable, api: DialogportenApi): boolean {
	return rows(table).some(([, row]) => offeredIn(row, api));
}

/** The operation of the resource by its value, when the API has it. */
export function operationOf(
	table: ResourceTable | undefined,
	value: string,
	api: DialogportenApi,
): OperationRow | undefined {
	if (!table || !Object.prototype.hasOwnProperty.call(table.operations, value)) return undefined;
	const row = (table.operations as Record<string, OperationRow>)[value];
	return offeredIn(row, api) ? row : undefined;
}

function operationParameter(
	resource: string,
	table: ResourceTable,
	list: Array<[string, OperationRow]>,
	api?: DialogportenApi,
): INodeProperties {
	const defaultOperation = table.default;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: {
			show: api ? { api: [api], resource: [resource] } : { resource: [resource] },
		},
		options: list.map(([value, row]) => ({
			name: row.name,
			value,
			description: row.description,
			action: row.action,
		})),
		default: defaultOperation,
	};
}

/**
 * The resource's Operation list (one for each API when the APIs offer different operations) and
 * the fields of each operation, shown for its resource, operation and APIs.
 */
export function resourceDescription(resource: string, table: ResourceTable): INodeProperties[] {
	const all = rows(table);
	const lists = all.every(([, row]) => !row.apis)
		? [operationParameter(resource, table, all)]
		: DIALOGPORTEN_APIS.filter((api) => resourceOfferedIn(table, api)).map((api) =>
				operationParameter(
					resource,
					table,
					all.filter(([, row]) => offeredIn(row, api)),
					api,
				),
			);
	const fields = all.flatMap(([value, row]) =>
		updateDisplayOptions(
			{
				show: {
					...(row.apis ? { api: [...row.apis] } : {}),
					resource: [resource],
					operation: [value],
				},
			},
			row.operation.properties,
		),
	);
	return [...lists, ...fields];
}

/** The Resource list of each API: the resources that have an operation there. */
export function resourceParameters(tables: Record<string, ResourceTable>): INodeProperties[] {
	return DIALOGPORTEN_APIS.map((api) => ({
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'dialog',
		displayOptions: { show: { api: [api] } },
		options: Object.entries(tables)
			.filter(([, table]) => resourceOfferedIn(table, api))
			.map(([value, table]) => ({ name: table.name, value, description: table.description })),
	}));
}
