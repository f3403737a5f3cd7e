/**
 * The credential Test button, as n8n 2.41 runs it (n8n/dist/services/credentials-tester.service.js).
 * `getCredentialTestFunction` picks the credential type's declarative `test` when it has one, else
 * the first node (of those listing the credential) whose credentials entry names a `testedBy`
 * function in its `methods.credentialTest`; that function is called with a CredentialTestContext
 * and the credential as the dialog sends it (`credentialsDecrypted`). A declarative test runs as
 * `runRequestTest`: the `test.request` becomes the routing of a temporary "n8n-nodes-base.noOp"
 * node with one `temp` parameter, run by n8n-core's RoutingNode; errors are turned into the
 * message the UI shows.
 */
import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';
import {
	NodeConnectionTypes,
	Workflow,
	createRunExecutionData,
	type ICredentialDataDecryptedObject,
	type ICredentialTestFunction,
	type ICredentialsDecrypted,
	type IExecuteData,
	type INode,
	type INodeType,
	type INodeTypes,
} from 'n8n-workflow';
import { Dialogporten } from '../../nodes/Dialogporten/Dialogporten.node';
import { DialogportenTrigger } from '../../nodes/Dialogporten/DialogportenTrigger.node';
import { DialogportenPollingTrigger } from '../../nodes/Dialogporten/DialogportenPollingTrigger.node';
import type { N8nRuntime } from '../support/n8n-runtime';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/** The nodes of this package, in the order n8n loads them (package.json `n8n.nodes`). */
const PACKAGE_NODES: INodeType[] = [
	new Dialogporten(),
	new DialogportenTrigger(),
	new DialogportenPollingTrigger(),
];

/** The node-side test n8n would pick for `type`, as `getCredentialTestFunction` does. */
export function nodeCredentialTest(
	type: string,
	nodes: INodeType[] = PACKAGE_NODES,
): ICredentialTestFunction | undefined {
	for (const node of nodes) {
		for (const { name, testedBy } of node.description.credentials ?? []) {
			if (name === type && typeof testedBy === 'string') {
				return node.methods?.credentialTest?.[testedBy];
			}
		}
	}
	return undefined;
}

/**
 * Presses Test for the stored credential `credentialId`. `data` is what the dialog sends (the
 * form's values, with the stored values of fields it did not change); default: the stored data.
 */
export async function runCredentialTest(
	runtime: N8nRuntime,
	type: string,
	credentialId: string,
	data?: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const credentialType = runtime.credentialsHelper.types.get(type);
	const stored = runtime.credentialsHelper.store.get(credentialId);
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: credentialId,
		name: stored?.name ?? credentialId,
		type,
		data: structuredClone(data ?? stored?.data ?? {}),
	};
	const testRequest = credentialType?.test;
	if (!testRequest) {
		const testFunction = nodeCredentialTest(type);
		if (!testFunction)
			return { status: 'Error', message: 'No testing function found for this credential.' };
		return await testFunction.call(new CredentialTestContext(), credentialsDecrypted);
	}
	const nodeType: INodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: 'n8n-nodes-base.noOp',
			group: ['organization'],
			version: 1,
			description: 'No Operation',
			defaults: { name: 'No Operation, do nothing' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		credentials: { [type]: { id: credentialId, name: credentialsDecrypted.name } },
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const inputData = { main: [[{ json: {} }]] };
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		runtime.additionalData(),
		'internal',
		createRunExecutionData(),
		0,
		[],
		inputData,
		executeData,
		[],
	);
	const routingNode = new RoutingNode(context, nodeType, credentialsDecrypted);
	try {
		await routingNode.runNode();
	} catch (caught) {
		const error = caught as Error & {
			cause?: { response?: { status: number; statusText?: string }; code?: string };
		};
		if (error.cause?.response) {
			const { status, statusText } = error.cause.response;
			if (status < 199 || status > 299)
				return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: error.message.toString() };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
