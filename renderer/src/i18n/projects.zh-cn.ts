export const projectsZhCN = {
  title: '',
}
