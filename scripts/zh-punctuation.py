#!/usr/bin/env python3
"""Rewrites ASCII punctuation in the Chinese strings of lesson sources (zh: "…" and zh: \"\"\"…\"\"\")
as full-width Chinese punctuation, leaving math ($…$), code (`…`) and Swift interpolations alone.
Usage: scripts/zh-punctuation.py Lessons/Curriculum/*.swift"""
import re, sys

MAP = {',': '，', ':': '：', ';': '；', '?': '？', '!': '！'}

def is_cjk(c):
    return c and ('\u4e00' <= c <= '\u9fff' or '\u3000' <= c <= '\u303f' or '\uff00' <= c <= '\uffef')

def fix_text(s):
    out, i, n = [], 0, len(s)
    paren_stack = []
    while i < n:
        c = s[i]
        if c == '\\' and i + 1 < n and s[i + 1] == '(':           # Swift interpolation \( … )
            depth, j = 0, i + 1
            while j < n:
                if s[j] == '(':
                    depth += 1
                elif s[j] == ')':
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            out.append(s[i:j + 1]); i = j + 1; continue
        if c == '\\':
            out.append(s[i:i + 2]); i += 2; continue
        if c in '$`':
            j = s.find(c, i + 1)
            if j == -1:
                out.append(s[i:]); break
            out.append(s[i:j + 1]); i = j + 1; continue
        prev = out[-1][-1] if out and out[-1] else ''
        if c in MAP:
            nxt = s[i + 1] if i + 1 < n else ''
            # Keep "1,000"-style and "a, b" lists of Latin text; convert next to Chinese or at clause ends.
            nxt2 = s[i + 2] if i + 2 < n else ''
            latin_list = (prev.isalnum() and not is_cjk(prev)) and nxt == ' ' and (nxt2.isdigit() or nxt2 in '-−')
            if c == ',' and latin_list:
                pass
            elif not (prev.isdigit() and nxt.isdigit()):
                out.append(MAP[c]); i += 1
                if i < n and s[i] == ' ':
                    i += 1                                   # full-width marks carry their own space
                continue
        if c == '(':
            if is_cjk(prev) or is_cjk(s[i + 1] if i + 1 < n else '') or prev in ' ，。：；*' or prev == '':
                paren_stack.append(True); out.append('（'); i += 1; continue
            paren_stack.append(False)
        if c == ')' and paren_stack:
            if paren_stack.pop():
                out.append('）'); i += 1; continue
        out.append(c); i += 1
    return ''.join(out)

def fix_single_line(src):
    """zh: "…" strings, whose interpolations \\( … ) may themselves hold quoted strings."""
    out, i = [], 0
    while True:
        j = src.find('zh: "', i)
        if j == -1 or src.startswith('zh: """', j):
            if j == -1:
                out.append(src[i:]); return ''.join(out)
            out.append(src[i:j + 7]); i = j + 7; continue
        start = j + 5
        out.append(src[i:start])
        k = start
        while k < len(src) and src[k] != '"' and src[k] != '\n':
            if src[k] == '\\' and k + 1 < len(src) and src[k + 1] == '(':
                depth, k = 0, k + 1
                while k < len(src):
                    if src[k] == '(':
                        depth += 1
                    elif src[k] == ')':
                        depth -= 1
                        if depth == 0:
                            break
                    k += 1
                k += 1
                continue
            k += 2 if src[k] == '\\' else 1
        out.append(fix_text(src[start:k]))
        i = k

def fix_file(path):
    src = open(path, encoding='utf-8').read()
    def triple(m):
        return m.group(1) + fix_text(m.group(2)) + m.group(3)
    src2 = re.sub(r'(zh: """\n)(.*?)(""")', triple, src, flags=re.S)
    src2 = fix_single_line(src2)
    if src2 != src:
        open(path, 'w', encoding='utf-8').write(src2)
        print('fixed', path)

for p in sys.argv[1:]:
    fix_file(p)
