/**
 * The words of a birthday greeting, pure and small: the server renders what is sent, and the settings page
 * renders its preview with the same function and the same example name, so the two never differ.
 */

export const NAME_PLACEHOLDER = '{name}'

/** How colleagues address a teacher; templates put it after the name. */
const HONORIFIC = '老师'

export const DEFAULT_TEMPLATE = '{name}老师，祝您生日快乐！感谢您一年来的辛勤付出，愿您身体健康、工作顺利、阖家幸福！'

/** The card's and the message's title. */
const TITLE_TEMPLATE = '{name}老师，生日快乐！'

/**
 * The name the settings page previews with: a full name, as the roster holds names. (The preview once used
 * 「张老」, an honorific and no name, so 「{name}老师」 read 「张老老师」.)
 */
export const EXAMPLE_NAME = '李华'

/**
 * The chair's template with the member's name; every `{name}` is replaced. A name entered with its 老师
 * (「张华老师」) does not read 「张华老师老师」 where the template adds 老师 itself.
 */
export function renderGreeting(template: string, name: string): string {
  const bare = name.length > HONORIFIC.length && name.endsWith(HONORIFIC) ? name.slice(0, -HONORIFIC.length) : name
  return template
    .split(NAME_PLACEHOLDER + HONORIFIC)
    .join(bare + HONORIFIC)
    .split(NAME_PLACEHOLDER)
    .join(name)
}

export function greetingTitle(name: string): string {
  return renderGreeting(TITLE_TEMPLATE, name)
}

/**
 * Who signs the card, as README promises: the union's chair by name, with the union, e.g. 「实验小学工会主席
 * 王建国」. A union without a chair on its roster signs with its name alone.
 */
export function cardSignature(unionName: string, chairName: string | undefined): string {
  return chairName ? `${unionName}主席 ${chairName}` : unionName
}
