/** Home-page section owned by its capability; renders nothing until that issue lands. */
export default function ActivitiesSection() {
  return null
}
