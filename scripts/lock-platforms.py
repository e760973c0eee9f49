#!/usr/bin/env python3
"""Adds lockfile entries for optional platform packages the registry mirror here does not serve.

npm on this machine leaves them out of package-lock.json (their manifests 404), yet `npm ci`
demands an entry for every optional dependency. Each added entry carries its os/cpu/libc, so
npm ci skips it on this platform, as it would with a lockfile written elsewhere.
Run after `npm install` changes package-lock.json: python3 scripts/lock-platforms.py
"""
import json
import re
import sys

PLATFORMS = {
    'android': 'android', 'darwin': 'darwin', 'linux': 'linux', 'win32': 'win32', 'windows': 'win32',
}


def platform_of(name):
    tail = name.split('/')[-1]
    parts = tail.split('-')
    os_name = next((PLATFORMS[p] for p in parts if p in PLATFORMS), None)
    cpu = 'arm64' if 'arm64' in parts else 'x64' if ('x64' in parts or '64' in parts) else None
    entry = {}
    if os_name:
        entry['os'] = [os_name]
    if cpu:
        entry['cpu'] = [cpu]
    if 'musl' in parts:
        entry['libc'] = ['musl']
    return entry


path = sys.argv[1] if len(sys.argv) > 1 else 'package-lock.json'
lock = json.load(open(path))
packages = lock['packages']
added = []
for entry in list(packages.values()):
    for name, version in (entry.get('optionalDependencies') or {}).items():
        key = f'node_modules/{name}'
        if key in packages or not re.match(r'^[\d.]+$', version):
            continue
        platform = platform_of(name)
        if 'os' not in platform:
            continue
        packages[key] = {'version': version, 'optional': True, **platform}
        added.append(f'{name}@{version}')
lock['packages'] = dict(sorted(packages.items(), key=lambda item: (item[0] != '', item[0])))
with open(path, 'w') as out:
    json.dump(lock, out, indent=2)
    out.write('\n')
print(f'added {len(added)} platform entries: {", ".join(added)}' if added else 'nothing to add')
