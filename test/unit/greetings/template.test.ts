import { cardSignature, DEFAULT_TEMPLATE, EXAMPLE_NAME, greetingTitle, renderGreeting } from '@/core/greetings/template'

describe('the words of a greeting', () => {
  test('the template gets the name wherever {name} stands', () => {
    expect(renderGreeting('{name}老师，祝您生日快乐！{name}老师辛苦了', '郭婷')).toBe(
      '郭婷老师，祝您生日快乐！郭婷老师辛苦了',
    )
  })

  test('the preview reads like a real greeting: a full name, 老师 once (it read 「张老老师」)', () => {
    const preview = renderGreeting(DEFAULT_TEMPLATE, EXAMPLE_NAME)
    expect(preview).toMatch(/^[\u4e00-\u9fa5]{2,3}老师，祝您生日快乐！/)
    expect(preview).not.toMatch(/老老师|老师老师/)
    expect(renderGreeting('亲爱的{name}老师，生日快乐！', EXAMPLE_NAME)).toBe(`亲爱的${EXAMPLE_NAME}老师，生日快乐！`)
  })

  test('a name entered with its 老师 gets 老师 once, in the words and in the title', () => {
    expect(renderGreeting('{name}老师，祝您生日快乐！', '张华老师')).toBe('张华老师，祝您生日快乐！')
    expect(renderGreeting('祝{name}生日快乐', '张华老师')).toBe('祝张华老师生日快乐')
    expect(greetingTitle('张华老师')).toBe('张华老师，生日快乐！')
    expect(greetingTitle('郭婷')).toBe('郭婷老师，生日快乐！')
    // A one-character name that happens to be 老师 is left alone rather than emptied.
    expect(renderGreeting('{name}老师好', '老师')).toBe('老师老师好')
  })

  test('the card is signed by the chair, with the union; by the union alone when it has no chair', () => {
    expect(cardSignature('实验小学工会', '王建国')).toBe('实验小学工会主席 王建国')
    expect(cardSignature('实验小学工会', undefined)).toBe('实验小学工会')
  })
})
