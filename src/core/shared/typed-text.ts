/** Small rules for text people typed, shared by messages, pages and exported files (pure: safe in pages). */

/** Words a person typed without their own closing mark, so a sentence around them ends once (no 「。。」). */
export function withoutEnding(text: string): string {
  return text.trim().replace(/[。．.！!？?；;，,、\s]+$/u, '')
}

/** A title as part of a file name: the characters file systems refuse (and spaces) become `_`. */
export function fileNamePart(title: string): string {
  return title.replace(/[\\/:*?"<>|\s]+/g, '_')
}
