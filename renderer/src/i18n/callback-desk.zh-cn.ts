export const callbackDeskZhCN = {
  title: '',
}
