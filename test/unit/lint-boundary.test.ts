// Proves the architecture's import boundaries in eslint.config.mjs are live: a rule that silently stopped
// matching (a renamed folder, a glob typo) would otherwise let the domain or the mini-program rot unnoticed.
import path from 'path'
import { execFileSync } from 'child_process'

const root = path.resolve(__dirname, '../..')

// ESLint loads eslint.config.mjs with a dynamic import(), which Jest's module sandbox does not support, so
// ESLint's Node API runs in a plain child Node process that lints each in-memory snippet as the given file.
const LINT_SNIPPETS = `
const { ESLint } = require('eslint')
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'))
const eslint = new ESLint({ cwd: process.cwd() })
Promise.all(cases.map(async ([file, code]) => {
  const [result] = await eslint.lintText(code, { filePath: require('path').resolve(file) })
  return result.messages.map((m) => m.line + ':' + (m.ruleId || m.message))
})).then((hits) => process.stdout.write(JSON.stringify(hits)))
`

function lintSnippets(cases: [file: string, code: string][]): string[][] {
  const out = execFileSync(process.execPath, ['-e', LINT_SNIPPETS], { cwd: root, input: JSON.stringify(cases) })
  return JSON.parse(out.toString()) as string[][]
}

function ruleHits(file: string, code: string): string[] {
  return lintSnippets([[file, code]])[0]
}

const RESTRICTED = '@typescript-eslint/no-restricted-imports'

describe('lint import boundaries', () => {
  // The first ESLint run loads the typescript-eslint parser and plugins.
  jest.setTimeout(30_000)

  test('src/core may not import Taro', () => {
    const hits = ruleHits('src/core/x.ts', "import Taro from '@tarojs/taro'\nexport const t = Taro\n")
    expect(hits).toEqual([`1:${RESTRICTED}`])
  })

  test('src/core may not import Node, React, the database or outer layers; may import itself', () => {
    const code = [
      "import fs from 'fs'",
      "import crypto from 'node:crypto'",
      "import React from 'react'",
      "import Nedb from '@seald-io/nedb'",
      "import { dispatch } from '../../server/dispatch'",
      "import { call } from '@/services/api'",
      "import { fields } from '../shared/fields'",
      'export const all = [fs, crypto, React, Nedb, dispatch, call, fields]',
    ].join('\n')
    const hits = ruleHits('src/core/members/x.ts', code)
    expect(hits).toEqual([1, 2, 3, 4, 5, 6].map((line) => `${line}:${RESTRICTED}`))
  })

  test('pages may not import server code or use-case values; types and contracts are fine', () => {
    const code = [
      "import { dispatch } from '@/server/dispatch'",
      "import { signUp } from '@/core/activities/usecases'",
      "import type { SignUp } from '@/core/activities/usecases'",
      "import { contract } from '@/core/activities/contract'",
      'export const all: SignUp = [dispatch, signUp, contract]',
    ].join('\n')
    const hits = ruleHits('src/pages/index/index.tsx', code)
    expect(hits).toEqual([`1:${RESTRICTED}`, `2:${RESTRICTED}`])
  })

  test('explicit any and @ts-ignore are errors', () => {
    const hits = ruleHits('src/services/x.ts', '// @ts-ignore\nexport const x: any = 1\n')
    expect(hits).toEqual(['1:@typescript-eslint/ban-ts-comment', '2:@typescript-eslint/no-explicit-any'])
  })
})
