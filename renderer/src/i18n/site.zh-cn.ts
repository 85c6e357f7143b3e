export const siteZhCN = {
  title: '',
}
