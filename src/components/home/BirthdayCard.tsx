/** Home-page section owned by its capability; renders nothing until that issue lands. */
export default function BirthdayCard() {
  return null
}
