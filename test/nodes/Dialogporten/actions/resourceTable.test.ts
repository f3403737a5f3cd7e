import type { INodeExecutionData } from 'n8n-workflow';

import {
	defineResource,
	operationOf,
	parseOperationValue,
	resourceDescription,
	resourceDescriptionV2,
	resourceParameters,
} from '../../../../nodes/Dialogporten/actions/resourceTable';

const noop = {
	properties: [
		{ displayName: 'Dialog ID', name: 'dialogId', type: 'string' as const, default: '' },
	],
	execute: async (): Promise<INodeExecutionData[]> => [],
};

const widget = defineResource({
	name: 'Widget',
	description: 'A test resource',
	default: 'get',
	operations: {
		create: {
			name: 'Create',
			action: 'Create a widget',
			description: 'Make one',
			apis: ['serviceowner'],
			operation: noop,
		},
		get: { name: 'Get', action: 'Get a widget', description: 'Read one', operation: noop },
	},
});

describe('resource tables', () => {
	it('derive one Operation list per API when the APIs differ, and the fields’ display options', () => {
		const [endUser, serviceOwner, createField, getField] = resourceDescription('widget', widget);
		expect(endUser).toMatchObject({
			name: 'operation',
			displayOptions: { show: { '@version': [1], api: ['enduser'], resource: ['widget'] } },
			options: [{ name: 'Get', value: 'get', description: 'Read one', action: 'Get a widget' }],
			default: 'get',
		});
		expect(serviceOwner.options?.map((o) => (o as { value: string }).value)).toEqual([
			'create',
			'get',
		]);
		expect(createField.displayOptions).toEqual({
			show: { '@version': [1], api: ['serviceowner'], resource: ['widget'], operation: ['create'] },
		});
		expect(getField.displayOptions).toEqual({
			show: { '@version': [1], resource: ['widget'], operation: ['get'] },
		});
	});

	it('derive one Operation list for all APIs when every operation is in both', () => {
		const shared = defineResource({
			name: 'Shared',
			description: 'x',
			default: 'get',
			operations: { get: { name: 'Get', action: 'Get it', description: 'y', operation: noop } },
		});
		const [list] = resourceDescription('shared', shared);
		expect(list.displayOptions).toEqual({ show: { '@version': [1], resource: ['shared'] } });
	});

	it('offer a resource in an API only when it has an operation there', () => {
		const onlyEndUser = defineResource({
			name: 'Party',
			description: 'p',
			default: 'getMany',
			operations: {
				getMany: {
					name: 'Get Many',
					action: 'Get parties',
					description: 'z',
					apis: ['enduser'],
					operation: noop,
				},
			},
		});
		const [endUser, serviceOwner] = resourceParameters({ party: onlyEndUser, widget });
		expect(endUser.options?.map((o) => (o as { value: string }).value)).toEqual([
			'party',
			'widget',
		]);
		expect(serviceOwner.options?.map((o) => (o as { value: string }).value)).toEqual(['widget']);
	});

	it('derive, for version 2, one Operation list with both APIs’ operations, each naming its API', () => {
		const [list, notice, ...fields] = resourceDescriptionV2('widget', widget);
		expect(list.displayOptions).toEqual({ show: { '@version': [2], resource: ['widget'] } });
		// Shown while an ID-porten credential is chosen for one of the service owner operations.
		expect(notice).toMatchObject({
			type: 'notice',
			displayOptions: {
				show: {
					'@version': [2],
					authentication: ['idPortenOAuth2Api'],
					resource: ['widget'],
					operation: ['create', 'getAsServiceOwner'],
				},
			},
		});
		expect(list.options).toEqual([
			{
				name: 'Create (Service Owner)',
				value: 'create',
				description: 'Make one',
				action: 'Create a widget (service owner)',
			},
			{ name: 'Get', value: 'get', description: 'Read one', action: 'Get a widget' },
			{
				name: 'Get (Service Owner)',
				value: 'getAsServiceOwner',
				description: 'Read one',
				action: 'Get a widget as service owner',
			},
		]);
		expect(fields.map((field) => field.displayOptions?.show?.operation)).toEqual([
			['create'],
			['get'],
			['getAsServiceOwner'],
		]);
		expect(parseOperationValue(widget, 'create')).toEqual({
			operation: 'create',
			api: 'serviceowner',
		});
		expect(parseOperationValue(widget, 'get')).toEqual({ operation: 'get', api: 'enduser' });
		expect(parseOperationValue(widget, 'getAsServiceOwner')).toEqual({
			operation: 'get',
			api: 'serviceowner',
		});
		expect(parseOperationValue(widget, 'toString')).toBeUndefined();
	});

	it('find an operation only in the APIs it exists in', () => {
		expect(operationOf(widget, 'create', 'serviceowner')?.operation).toBe(noop);
		expect(operationOf(widget, 'create', 'enduser')).toBeUndefined();
		expect(operationOf(widget, 'toString', 'enduser')).toBeUndefined();
		expect(operationOf(undefined, 'get', 'enduser')).toBeUndefined();
	});

	it('refuse, at build time, a default that names no operation and an operation without execute', () => {
		defineResource({
			name: 'Broken',
			description: 'b',
			// @ts-expect-error 'remove' is not an operation of this table
			default: 'remove',
			operations: { get: { name: 'Get', action: 'Get it', description: 'y', operation: noop } },
		});
		defineResource({
			name: 'Broken',
			description: 'b',
			default: 'get',
			operations: {
				// @ts-expect-error an operation module must export execute
				get: { name: 'Get', action: 'Get it', description: 'y', operation: { properties: [] } },
			},
		});
	});
});
