import { Button } from '@tarojs/components'
import type { ReactNode } from 'react'

export type ButtonTone = 'primary' | 'secondary' | 'danger'

interface BigButtonProps {
  tone?: ButtonTone
  disabled?: boolean
  /** Shows a spinner and ignores taps while the request runs. */
  loading?: boolean
  /** Sits inline (e.g. in a row of two) instead of taking the full width. */
  inline?: boolean
  onClick?: () => void
  children: ReactNode
}

/** A full-width button at least 96px tall: the one way to act on every page. */
export default function BigButton({ tone = 'primary', disabled, loading, inline, onClick, children }: BigButtonProps) {
  const className = [
    'big-button',
    `big-button--${tone}`,
    inline ? 'big-button--inline' : '',
    disabled ? 'big-button--disabled' : '',
  ]
    .filter(Boolean)
    .join(' ')
  // `undefined` rather than `false`: the H5 button reflects any value as a `disabled` attribute.
  const inactive = disabled || loading ? true : undefined
  return (
    <Button
      className={className}
      disabled={inactive}
      loading={loading ? true : undefined}
      onClick={inactive ? undefined : onClick}
    >
      {children}
    </Button>
  )
}
