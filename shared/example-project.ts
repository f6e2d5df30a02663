/**
 * The built-in example project's name in each language (the project itself is made by main,
 * src-main/services/example-project.ts). The window opens the example already there under this
 * name rather than making another copy.
 */
export const EXAMPLE_PROJECT_NAME = {
  'zh-CN': '示例：QwQ-32B 内部聊天服务',
  en: 'Example: QwQ-32B internal chat service',
} as const;
