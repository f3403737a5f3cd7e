/**
 * Puts the built package into an n8n user folder the way a community-package install does: the
 * tarball `npm pack` makes (exactly what the registry would serve) unpacked at
 * `<N8N_USER_FOLDER>/.n8n/nodes/node_modules/n8n-nodes-dialogporten`, listed in that folder's
 * package.json. n8n then loads its nodes as `n8n-nodes-dialogporten.<name>`.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runChecked } from './exec';
import { repoRoot } from './host';

export const packageName = 'n8n-nodes-dialogporten';

export interface PackedPackage {
	tarball: string;
	version: string;
	/** Files in the tarball, as npm lists them. */
	files: string[];
}

interface PackageJson {
	version: string;
	n8n: { nodes: string[]; credentials: string[] };
}

export function readPackageJson(): PackageJson {
	return JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as PackageJson;
}

/** Builds dist/ (tsc + icons), as `npm run build` does. */
export async function buildPackage(): Promise<void> {
	await runChecked('npm', ['run', 'build', '--silent'], { cwd: repoRoot });
}

/** `npm pack` of the current dist/ into a temporary folder. The package must have been built. */
export async function packPackage(): Promise<PackedPackage> {
	const pkg = readPackageJson();
	const declared = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
	if (!declared.some((file) => existsSync(path.join(repoRoot, file)))) {
		throw new Error(
			'dist/ holds none of the files package.json "n8n" lists: build the package first (npm run build)',
		);
	}
	const destination = mkdtempSync(path.join(tmpdir(), 'dialogporten-pack-'));
	const { stdout } = await runChecked(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
		{
			cwd: repoRoot,
		},
	);
	const [packed] = JSON.parse(stdout) as Array<{
		filename: string;
		version: string;
		files: Array<{ path: string }>;
	}>;
	return {
		tarball: path.join(destination, packed.filename),
		version: packed.version,
		files: packed.files.map((f) => f.path),
	};
}

/** Unpacks the tarball as `<userFolder>/.n8n/nodes/node_modules/n8n-nodes-dialogporten`. */
export async function installPackage(userFolder: string, packed: PackedPackage): Promise<string> {
	const nodesFolder = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesFolder, 'node_modules', packageName);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	// npm tarballs hold everything under "package/". The package has no runtime dependencies, so
	// unpacking is all `npm install <tarball>` would do here.
	await runChecked('tar', ['-xzf', packed.tarball, '-C', target, '--strip-components=1']);
	writeFileSync(
		path.join(nodesFolder, 'package.json'),
		`${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [packageName]: packed.version } }, null, 2)}\n`,
	);
	return target;
}
