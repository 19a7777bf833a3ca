#!/usr/bin/env python3
"""Runs every example in the guide and compares its output with the text shown.

Usage, from the repository root, after `cargo build`:

    python3 docs/guide/check-examples.py [--calc target/debug/calc] [--update] [FILE.md ...]

With no files, every chapter in docs/guide is checked. `--update` rewrites
the expected output in the chapters with what calc printed: review the diff
before committing it.

What is checked (see "Conventions" in README.md):

* A ```calc block whose first line is `// file: NAME` is saved as NAME in a
  scratch directory when it is reached, for the commands after it to use.
* Any other ```calc block must be a complete program that `calc run -`
  accepts and runs with exit status 0.
* In a ```text block, each line starting with `$ ` is a shell command (run
  with bash, in the scratch directory, with `calc` on PATH), and the lines
  up to the next `$ ` are its expected standard output and standard error,
  merged. Trailing spaces are ignored. A command continues on the next lines
  while its single quotes are unbalanced, and a command ending in <<'EOF'
  takes the lines up to `EOF` as a here-document.

REPL sessions shown with a `calc>` prompt need a terminal and are not
checked by this script.
"""
import argparse
import difflib
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def norm(text):
    lines = [l.rstrip() for l in text.split('\n')]
    while lines and lines[-1] == '':
        lines.pop()
    return lines


def commands(body):
    """Splits a transcript into (command, expected lines) pairs."""
    cmds = []
    k = 0
    while k < len(body):
        line = body[k]
        k += 1
        if not line.startswith('$ '):
            if cmds:
                cmds[-1][1].append(line)
            continue
        cmd = line[2:]
        while cmd.count("'") % 2 == 1 and k < len(body):
            cmd += '\n' + body[k]
            k += 1
        if cmd.rstrip().endswith("<<'EOF'"):
            while k < len(body) and body[k] != 'EOF':
                cmd += '\n' + body[k]
                k += 1
            cmd += '\nEOF'
            k += 1
        cmds.append((cmd, []))
    return cmds


def run_transcript(cmds, scratch, env):
    """Runs the commands in one bash process; returns each one's output."""
    script = '__s=0\n'
    for n, (cmd, _) in enumerate(cmds):
        # \036 separates the outputs; $? carries over from command to command.
        script += f"printf '\\036{n}\\036'; (exit $__s)\n{{ {cmd}\n}} 2>&1; __s=$?\n"
    script += "printf '\\036end\\036'\n"
    r = subprocess.run(['bash', '-c', script], cwd=scratch, env=env,
                       capture_output=True, text=True, timeout=600)
    parts = r.stdout.split('\x1e')
    outs = {}
    for p in range(1, len(parts) - 1, 2):
        outs[parts[p]] = parts[p + 1]
    return [norm(outs.get(str(n), '<no output>')) for n in range(len(cmds))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--calc', default=os.path.join(ROOT, 'target', 'debug', 'calc'))
    ap.add_argument('--update', action='store_true')
    ap.add_argument('files', nargs='*')
    args = ap.parse_args()
    calc = os.path.abspath(args.calc)
    if not os.access(calc, os.X_OK):
        sys.exit(f'no calc binary at {calc}: run `cargo build` or pass --calc')
    files = args.files or sorted(glob.glob(os.path.join(HERE, '*.md')))

    scratch = tempfile.mkdtemp(prefix='calc-guide-')
    os.symlink(os.path.join(ROOT, 'examples'), os.path.join(scratch, 'examples'))
    bindir = os.path.join(scratch, 'bin')
    os.makedirs(bindir)
    os.symlink(calc, os.path.join(bindir, 'calc'))
    env = dict(os.environ)
    env['PATH'] = bindir + os.pathsep + env['PATH']
    env.pop('NO_COLOR', None)
    env['XDG_DATA_HOME'] = os.path.join(scratch, 'data')

    checked = failed = 0
    try:
        for md in files:
            src = open(md, encoding='utf-8').read().split('\n')
            updates = {}
            i = 0
            while i < len(src):
                m = re.match(r'^```(\w*)\s*$', src[i])
                if not m:
                    i += 1
                    continue
                lang, start = m.group(1), i + 1
                end = start
                while not src[end].startswith('```'):
                    end += 1
                body = src[start:end]
                where = f'{os.path.relpath(md)}:{start}'
                i = end + 1
                if lang == 'calc':
                    if body and body[0].startswith('// file: '):
                        name = body[0][len('// file: '):].strip()
                        with open(os.path.join(scratch, name), 'w', encoding='utf-8') as f:
                            f.write('\n'.join(body) + '\n')
                        continue
                    checked += 1
                    r = subprocess.run([calc, 'run', '-'], input='\n'.join(body) + '\n',
                                       cwd=scratch, env=env, capture_output=True, text=True)
                    if r.returncode != 0:
                        failed += 1
                        print(f'FAIL {where}: exit status {r.returncode}\n{r.stdout}{r.stderr}')
                    continue
                if lang != 'text' or not any(l.startswith('$ ') for l in body):
                    continue
                cmds = commands(body)
                outs = run_transcript(cmds, scratch, env)
                new = []
                for (cmd, expected), got in zip(cmds, outs):
                    checked += 1
                    new.append('$ ' + cmd)
                    new.extend(got)
                    want = norm('\n'.join(expected))
                    if got != want:
                        failed += 1
                        print(f'FAIL {where}: $ {cmd}')
                        for d in difflib.unified_diff(want, got, 'guide', 'calc', lineterm=''):
                            print('   ', d)
                updates[(start, end)] = '\n'.join(new).split('\n')
            if args.update and updates:
                out, pos = [], 0
                for (a, b) in sorted(updates):
                    out.extend(src[pos:a])
                    out.extend(updates[(a, b)])
                    pos = b
                out.extend(src[pos:])
                with open(md, 'w', encoding='utf-8') as f:
                    f.write('\n'.join(out))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f'{checked} examples checked, {failed} differ')
    sys.exit(1 if failed and not args.update else 0)


if __name__ == '__main__':
    main()
