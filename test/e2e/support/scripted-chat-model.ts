/**
 * A scripted chat model behind an OpenAI-compatible Chat Completions endpoint on 127.0.0.1, so
 * n8n's AI Agent runs with no model service. It plays one fixed conversation: asked a question with
 * tools available, it calls the first tool whose name matches `toolPattern`; given the tool's
 * result, it answers with the titles it finds in that result. What the agent sends is recorded, so
 * a test can check that the tool was offered, called and its output handed back.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface ChatMessage {
	role: string;
	content?: string | Array<{ type: string; text?: string }> | null;
	tool_calls?: Array<{
		id: string;
		type: 'function';
		function: { name: string; arguments: string };
	}>;
	tool_call_id?: string;
}

interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: Array<{ type: string; function: { name: string; description?: string } }>;
	stream?: boolean;
}

export interface ScriptedChatModel {
	/** Base URL for n8n's OpenAI credential (`…/v1`). */
	url: string;
	requests: ChatRequest[];
	/** The answer the model gave at the end, once it has been given. */
	answers: string[];
	stop(): Promise<void>;
}

function textOf(content: ChatMessage['content']): string {
	if (typeof content === 'string') return content;
	return (content ?? []).map((part) => part.text ?? '').join('');
}

/** Titles in a tool result: every `"title": "…"` string, in order, without repeats. */
function titlesIn(toolOutput: string): string[] {
	const titles = [...toolOutput.matchAll(/\\?"title\\?"\s*:\s*\\?"([^"\\]+)\\?"/g)].map(
		(m) => m[1],
	);
	return [...new Set(titles)];
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export async function startScriptedChatModel(toolPattern: RegExp): Promise<ScriptedChatModel> {
	const requests: ChatRequest[] = [];
	const answers: string[] = [];
	let calls = 0;
	const server: Server = createServer(async (req, res) => {
		const send = (status: number, body: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		if (req.method === 'GET' && req.url?.endsWith('/models')) {
			send(200, {
				object: 'list',
				data: [{ id: 'scripted-model', object: 'model', owned_by: 'local' }],
			});
			return;
		}
		if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
			send(404, { error: { message: `no ${req.method} ${req.url} here` } });
			return;
		}
		const request = JSON.parse(await readBody(req)) as ChatRequest;
		requests.push(request);
		if (request.stream) {
			send(400, { error: { message: 'the scripted model does not stream' } });
			return;
		}
		const last = request.messages[request.messages.length - 1];
		const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
		const reply = (message: ChatMessage, finish: string) =>
			send(200, {
				id: `chatcmpl-${++calls}`,
				object: 'chat.completion',
				created: Math.floor(Date.now() / 1000),
				model: request.model,
				choices: [{ index: 0, message, finish_reason: finish }],
				usage,
			});
		if (last?.role === 'tool') {
			const titles = titlesIn(textOf(last.content));
			const answer = titles.length
				? `You have ${titles.length} unread dialog${titles.length === 1 ? '' : 's'}: ${titles.join('; ')}.`
				: 'You have no unread dialogs.';
			answers.push(answer);
			reply({ role: 'assistant', content: answer }, 'stop');
			return;
		}
		const tool = request.tools?.find((t) => toolPattern.test(t.function.name));
		if (!tool) {
			reply({ role: 'assistant', content: 'No Dialogporten tool was offered.' }, 'stop');
			return;
		}
		reply(
			{
				role: 'assistant',
				content: null,
				tool_calls: [
					{
						id: `call_${calls + 1}`,
						type: 'function',
						function: { name: tool.function.name, arguments: '{}' },
					},
				],
			},
			'tool_calls',
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		answers,
		stop: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
