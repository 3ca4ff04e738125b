#!/usr/bin/env python3
"""Rewrites ASCII punctuation in the Chinese strings of Swift sources as full-width Chinese punctuation,
leaving math ($…$), code (`…`), Swift interpolations and English text alone. Every string literal that
holds Chinese is processed (line by line for multi-line literals), wherever it stands.
Usage: scripts/zh-punctuation.py Lessons/*/*.swift"""
import sys

MAP = {',': '，', ':': '：', ';': '；', '?': '？', '!': '！'}

def is_cjk(c):
    return bool(c) and ('\u4e00' <= c <= '\u9fff' or '\u3000' <= c <= '\u303f' or '\uff00' <= c <= '\uffef')

def has_cjk(t):
    return any('\u4e00' <= c <= '\u9fff' for c in t)

def skip_interpolation(s, i):
    """Index just past the ')' closing the interpolation that starts with '\\(' at i."""
    depth, j = 0, i + 1
    while j < len(s):
        if s[j] == '(':
            depth += 1
        elif s[j] == ')':
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return len(s)

def fix_text(s):
    out, i, n = [], 0, len(s)
    parens = []
    while i < n:
        c = s[i]
        if c == '\\' and i + 1 < n and s[i + 1] == '(':
            j = skip_interpolation(s, i)
            out.append(s[i:j]); i = j; continue
        if c == '\\':
            out.append(s[i:i + 2]); i += 2; continue
        if c in '$`':
            j = s.find(c, i + 1)
            if j == -1:
                out.append(s[i:]); break
            out.append(s[i:j + 1]); i = j + 1; continue
        prev = out[-1][-1] if out and out[-1] else ''
        nxt = s[i + 1] if i + 1 < n else ''
        if c in MAP:
            # Beside Chinese, or with no space after it (Chinese style "0.72,ReLU"); English-style
            # "(2, 3)" and "1,000" stay.
            if is_cjk(prev) or is_cjk(nxt) or (nxt not in ' \n' and nxt != '' and not (prev.isdigit() and nxt.isdigit())):
                out.append(MAP[c]); i += 1
                if i < n and s[i] == ' ':
                    i += 1
                continue
        if c == '(':
            convert = is_cjk(prev) or is_cjk(nxt) or (prev != '' and prev in '，。：；*')
            parens.append(convert)
            if convert:
                out.append('（'); i += 1; continue
        if c == ')' and parens:
            if parens.pop():
                out.append('）'); i += 1; continue
        out.append(c); i += 1
    return ''.join(out)

def fix_source(src):
    out, i, n = [], 0, len(src)
    while i < n:
        if src.startswith('//', i):
            j = src.find('\n', i)
            j = n if j == -1 else j
            out.append(src[i:j]); i = j; continue
        if src.startswith('"""', i):
            j = src.find('"""', i + 3)
            body = src[i + 3:j]
            body = '\n'.join(fix_text(line) if has_cjk(line) else line for line in body.split('\n'))
            out.append('"""' + body + '"""'); i = j + 3; continue
        if src[i] == '"':
            k = i + 1
            while k < n and src[k] not in '"\n':
                if src[k] == '\\' and k + 1 < n and src[k + 1] == '(':
                    k = skip_interpolation(src, k); continue
                k += 2 if src[k] == '\\' else 1
            body = src[i + 1:k]
            out.append('"' + (fix_text(body) if has_cjk(body) else body) + '"'); i = k + 1; continue
        out.append(src[i]); i += 1
    return ''.join(out)

for path in sys.argv[1:]:
    src = open(path, encoding='utf-8').read()
    fixed = fix_source(src)
    if fixed != src:
        open(path, 'w', encoding='utf-8').write(fixed)
        print('fixed', path)
