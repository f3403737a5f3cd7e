/**
 * Each resource states its operations once, in a table (*.resource.ts); the node's Resource and
 * Operation lists, the display options of every operation's fields, and the router's lookup are
 * derived from the tables here.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { DialogportenApi } from '../helpers/interfaces';
import type { OperationRow, ResourceTable } from './node.type';
import { alphabetically } from '../helpers/sort';
import { withDisplayOptions } from './displayOptions';

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

/**
 * Node version 2 has no API selector, because n8n's node creator sets only `resource` and
 * `operation` when an action is picked: each operation value names its API. An operation of both
 * APIs keeps its value in the end user API and ends in this suffix in the service owner API.
 */
export const SERVICE_OWNER_SUFFIX = 'AsServiceOwner';

function offeredInBoth(row: OperationRow): boolean {
	return DIALOGPORTEN_APIS.every((api) => offeredIn(row, api));
}

/** The version 2 value of an operation in an API. */
export function operationValue(value: string, row: OperationRow, api: DialogportenApi): string {
	return api === 'serviceowner' && offeredInBoth(row) ? `${value}${SERVICE_OWNER_SUFFIX}` : value;
}

/** The operation and API a version 2 operation value names, when the resource has it. */
export function parseOperationValue(
	table: ResourceTable | undefined,
	value: string,
): { operation: string; api: DialogportenApi } | undefined {
	if (!table) return undefined;
	for (const [operation, row] of rows(table)) {
		for (const api of DIALOGPORTEN_APIS) {
			if (offeredIn(row, api) && operationValue(operation, row, api) === value) {
				return { operation, api };
			}
		}
	}
	return undefined;
}

/** Shown while an ID-porten credential is chosen for a service owner operation (refused at run time). */
export const idPortenServiceOwnerNotice: INodeProperties = {
	displayName:
		'Service owner operations need a Maskinporten API credential with the Client or Supplier grant; ID-porten is a person’s login. Choose such a credential in "Credential to connect with", or an operation without "(Service Owner)".',
	name: 'idPortenServiceOwnerNotice',
	type: 'notice',
	default: '',
};

const VERSION_1 = { '@version': [1] };
const VERSION_2 = { '@version': [2] };

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
			show: api
				? { ...VERSION_1, api: [api], resource: [resource] }
				: { ...VERSION_1, resource: [resource] },
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
		withDisplayOptions(
			{
				show: {
					...VERSION_1,
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
		displayOptions: { show: { ...VERSION_1, api: [api] } },
		options: Object.entries(tables)
			.filter(([, table]) => resourceOfferedIn(table, api))
			.map(([value, table]) => ({ name: table.name, value, description: table.description })),
	}));
}

/** Every operation of the resource in the APIs it exists in, as version 2 values. */
function operationsOfVersion2(
	table: ResourceTable,
): Array<{ value: string; operation: string; api: DialogportenApi; row: OperationRow }> {
	return rows(table).flatMap(([operation, row]) =>
		DIALOGPORTEN_APIS.filter((api) => offeredIn(row, api)).map((api) => ({
			value: operationValue(operation, row, api),
			operation,
			api,
			row,
		})),
	);
}

/**
 * Version 2: the resource's one Operation list with the operations of both APIs (a service owner
 * operation says so in its name and action), and each operation's fields.
 */
export function resourceDescriptionV2(resource: string, table: ResourceTable): INodeProperties[] {
	const entries = operationsOfVersion2(table);
	const serviceOwnerOnly = (row: OperationRow) => !offeredIn(row, 'enduser');
	const options = entries
		.map(({ value, api, row }) => {
			const asServiceOwner = api === 'serviceowner' && !serviceOwnerOnly(row);
			const suffix = api === 'serviceowner' ? ' (Service Owner)' : '';
			return {
				name: `${row.name}${suffix}`,
				value,
				description: row.description,
				action: asServiceOwner
					? `${row.action} as service owner`
					: serviceOwnerOnly(row)
						? `${row.action} (service owner)`
						: row.action,
			};
		})
		.sort((a, b) => alphabetically(a.name, b.name));
	const defaultValue = options.some((option) => option.value === table.default)
		? table.default
		: options[0].value;
	const list: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { ...VERSION_2, resource: [resource] } },
		options,
		default: defaultValue,
	};
	const fields = entries.flatMap(({ value, row }) =>
		withDisplayOptions(
			{ show: { ...VERSION_2, resource: [resource], operation: [value] } },
			row.operation.properties,
		),
	);
	const serviceOwnerValues = entries
		.filter(({ api }) => api === 'serviceowner')
		.map(({ value }) => value);
	if (resource === 'metadata' || serviceOwnerValues.length === 0) return [list, ...fields];
	const notice: INodeProperties = {
		...idPortenServiceOwnerNotice,
		displayOptions: {
			show: {
				...VERSION_2,
				authentication: ['idPortenOAuth2Api'],
				resource: [resource],
				operation: serviceOwnerValues,
			},
		},
	};
	return [list, notice, ...fields];
}

/** Version 2: one Resource list with the resources of both APIs. */
export function resourceParameterV2(tables: Record<string, ResourceTable>): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'dialog',
		displayOptions: { show: VERSION_2 },
		options: Object.entries(tables).map(([value, table]) => ({
			name: table.name,
			value,
			description: table.description,
		})),
	};
}
