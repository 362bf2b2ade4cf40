// The picture and the picker category of each reaction name the server accepts
// (src/domain/valid-reactions.txt, served as /static/reactions.txt). The names themselves come
// from that file; this table only adds what the browser needs to draw and group them. A name
// missing here is shown as :name: and offered under "Other". Within a category the order is the
// one the pickers show.

const TABLE = `
# Smileys & emotion
grinning 😀 smile 😄 laugh 😂 rofl 🤣 sweat_smile 😅 slightly_smile 🙂 upside_down 🙃 wink 😉 innocent 😇
relieved 😌 heart_eyes 😍 star_struck 🤩 partying 🥳 sunglasses 😎 nerd 🤓 monocle 🧐 cowboy 🤠 hugging 🤗
hand_over_mouth 🤭 peeking 🫣 shushing 🤫 thinking 🤔 salute 🫡 raised_eyebrow 🤨 neutral 😐
expressionless 😑 no_mouth 😶 dotted_face 🫥 diagonal_mouth 🫤 smirk 😏 rolling_eyes 🙄 grimace 😬
exhaling 😮‍💨 lying 🤥 melting 🫠 tongue 😛 drooling 🤤 money_mouth 🤑 yawn 🥱 zipper 🤐 sleepy 😪 sleeping 😴
mask 😷 nauseated 🤢 sneezing 🤧 hot_face 🥵 cold_face 🥶 woozy 🥴 dizzy 😵 mind_blown 🤯 shaking_face 🫨
flushed 😳 pleading 🥺 holding_back_tears 🥹 astonished 😲 hushed 😯 wow 😮 anguished 😧 worried 😟
confounded 😖 persevere 😣 pensive 😔 sad 😞 crying 😢 scream 😱 triumph 😤 angry 😠 rage 😡 devil 😈 skull 💀
poop 💩 clown 🤡 alien 👽 ghost 👻 robot 🤖 see_no_evil 🙈 hear_no_evil 🙉 speak_no_evil 🙊 hundred 💯
anger 💢 zzz 💤 speech_bubble 💬 thought_bubble 💭
# People & body
wave 👋 raised_back 🤚 splayed_hand 🖐️ vulcan 🖖 ok 👌 pinch 🤏 cross_fingers 🤞 love_you 🤟 call_me 🤙
point_left 👈 point_right 👉 point_up ☝️ backhand_up 👆 point_down 👇 point_at_you 🫵 middle_finger 🖕
thumbsup 👍 thumbsdown 👎 fist ✊ left_fist 🤛 right_fist 🤜 clap 👏 raised_hands 🙌 heart_hands 🫶
open_hands 👐 palm_up 🫴 palm_down 🫳 handshake 🤝 pray 🙏 writing ✍️ muscle 💪 brain 🧠 eyes 👀 no 🙅
vampire 🧛 zombie 🧟
# Animals & nature
monkey 🐒 gorilla 🦍 dog 🐶 wolf 🐺 fox 🦊 raccoon 🦝 cat 🐱 lion 🦁 horse 🐴 unicorn 🦄 zebra 🦓 deer 🦌 cow 🐮
pig 🐷 goat 🐐 sheep 🐑 camel 🐫 llama 🦙 giraffe 🦒 elephant 🐘 mammoth 🦣 rhino 🦏 hippo 🦛 mouse 🐭
hamster 🐹 rabbit 🐰 chipmunk 🐿️ hedgehog 🦔 bat 🦇 bear 🐻 koala 🐨 panda 🐼 sloth 🦥 otter 🦦 skunk 🦨
kangaroo 🦘 rooster 🐓 dove 🕊️ eagle 🦅 duck 🦆 swan 🦢 owl 🦉 flamingo 🦩 peacock 🦚 parrot 🦜 penguin 🐧
frog 🐸 crocodile 🐊 turtle 🐢 snake 🐍 dragon 🐉 dinosaur 🦕 whale 🐳 dolphin 🐬 seal 🦭 fish 🐟
tropical_fish 🐠 shark 🦈 octopus 🐙 jellyfish 🪼 squid 🦑 shrimp 🦐 lobster 🦞 crab 🦀 oyster 🦪 axolotl 🦎
snail 🐌 butterfly 🦋 bug 🐛 bee 🐝 worm 🪱 microbe 🦠 bouquet 💐 cherry_blossom 🌸 lotus 🪷 rose 🌹
wilted_flower 🥀 tulip 🌷 sunflower 🌻 flower 🌼 seedling 🌱 evergreen 🌲 deciduous 🌳 palm_tree 🌴 cactus 🌵
herb 🌿 four_leaf 🍀 maple_leaf 🍁 leaves 🍃 mushroom 🍄 sun ☀️ moon 🌙 star ⭐ comet ☄️ saturn 🪐
milky_way 🌌 cloud ☁️ fog 🌫️ rainbow 🌈 lightning 🌩️ tornado 🌪️ cyclone 🌀 umbrella ☂️ zap ⚡
snowflake ❄️ snowman ⛄ fire 🔥 droplet 💧 water_wave 🌊
# Food & drink
apple 🍎 pear 🍐 tangerine 🍊 lemon 🍋 banana 🍌 watermelon 🍉 grapes 🍇 strawberry 🍓 blueberries 🫐 melon 🍈
cherry 🍒 peach 🍑 mango 🥭 pineapple 🍍 kiwi 🥝 tomato 🍅 avocado 🥑 carrot 🥕 corn 🌽 hot_pepper 🌶️
broccoli 🥦 garlic 🧄 onion 🧅 beans 🫘 chestnut 🌰 bread 🍞 croissant 🥐 bagel 🥯 flatbread 🫓 pretzel 🥨
pancakes 🥞 waffle 🧇 cheese 🧀 bacon 🥓 egg 🥚 burger 🍔 fries 🍟 pizza 🍕 hot_dog 🌭 sandwich 🥪 taco 🌮
tamale 🫔 wrap 🌯 salad 🥗 salt 🧂 curry 🍛 ramen 🍜 spaghetti 🍝 soup 🍲 sushi 🍣 bento 🍱 dumpling 🥟
fortune_cookie 🥠 ice_cream 🍨 cake 🎂 donut 🍩 chocolate 🍫 candy 🍬 lollipop 🍭 honey 🍯 popcorn 🍿 milk 🥛
coffee ☕ tea 🍵 mate 🧉 bubble_tea 🧋 juice 🧃 beer 🍺 champagne 🍾 cocktail 🍸 ice 🧊
# Activities
party 🎉 tada 🎉 balloon 🎈 gift 🎁 ribbon 🎀 fireworks 🎆 sparkler 🎇 firecracker 🧨 christmas_tree 🎄
jack_o_lantern 🎃 ticket 🎟️ medal 🏅 trophy 🏆 soccer ⚽ baseball ⚾ softball 🥎 basketball 🏀 football 🏈
rugby 🏉 tennis 🎾 flying_disc 🥏 badminton 🏸 ping_pong 🏓 lacrosse 🥍 golf ⛳ boxing 🥊 martial_arts 🥋
archery 🏹 dart 🎯 target 🎯 fishing 🎣 diving 🤿 ice_skate ⛸️ ski 🎿 sled 🛷 skateboard 🛹 surf 🏄 swim 🏊
climbing 🧗 yoga 🧘 weightlifting 🏋️ kite 🪁 yo_yo 🪀 gaming 🎮 joystick 🕹️ die 🎲 chess ♟️ cards 🃏
crystal_ball 🔮 magic_wand 🪄 teddy_bear 🧸 palette 🎨 thread 🧵 yarn 🧶
# Travel & places
earth 🌍 globe 🌐 map 🗺️ compass 🧭 mountain ⛰️ volcano 🌋 desert 🏜️ island 🏝️ car 🚗 race_car 🏎️ bus 🚌
truck 🚚 tractor 🚜 fire_truck 🚒 ambulance 🚑 train 🚆 bicycle 🚲 motor_scooter 🛵 motorcycle 🏍️ canoe 🛶
sailboat ⛵ speedboat 🚤 ship 🚢 airplane ✈️ helicopter 🚁 parachute 🪂 rocket 🚀 satellite 🛰️ ufo 🛸
# Objects
crown 👑 gem 💎 bell 🔔 music 🎵 notes 🎶 microphone 🎤 headphones 🎧 saxophone 🎷 accordion 🪗 guitar 🎸
piano 🎹 trumpet 🎺 violin 🎻 banjo 🪕 drum 🥁 long_drum 🪘 phone 📱 battery 🔋 laptop 💻 floppy 💾 cd 💿
camera 📷 clapper_board 🎬 candle 🕯️ bulb 💡 book 📖 newspaper 📰 money 💰 package 📦 pencil ✏️ chart 📈
pin 📌 safety_pin 🧷 scissors ✂️ lock 🔒 key 🔑 hammer 🔨 axe 🪓 boomerang 🪃 gun 🔫 shield 🛡️ wrench 🔧
gear ⚙️ magnet 🧲 toolbox 🧰 ladder 🪜 test_tube 🧪 test_flask ⚗️ dna 🧬 magnify 🔍 microscope 🔬
telescope 🔭 stethoscope 🩺 syringe 💉 pill 💊 bandage 🩹 chair 🪑 mirror 🪞 broom 🧹 soap 🧼
fire_extinguisher 🧯 trash 🗑️ hourglass ⏳ bomb 💣 nazar 🧿
# Symbols
heart ❤️ heart_orange 🧡 heart_yellow 💛 heart_green 💚 heart_blue 💙 heart_purple 💜 heart_pink 🩷
heart_brown 🤎 heart_black 🖤 heart_white 🤍 broken_heart 💔 mending_heart ❤️‍🩹 heart_on_fire ❤️‍🔥
two_hearts 💕 revolving_hearts 💞 heart_grow 💗 sparkling_heart 💖 heart_box 💝 sparkle ✨ check ✅
warning ⚠️ recycle ♻️ peace ☮️ atom ⚛️ infinity ♾️ red_circle 🔴 green_circle 🟢 blue_circle 🔵 flag 🚩
rainbow_flag 🏳️‍🌈
`;

const EMOJI = new Map();
const CATEGORY = new Map();
/// The category names in the order the pickers show them.
export const CATEGORIES = [];
{
  let category = 'Other';
  for (const line of TABLE.trim().split('\n')) {
    if (line.startsWith('# ')) {
      category = line.slice(2).trim();
      CATEGORIES.push(category);
      continue;
    }
    const words = line.trim().split(/\s+/);
    for (let i = 0; i + 1 < words.length; i += 2) {
      EMOJI.set(words[i], words[i + 1]);
      CATEGORY.set(words[i], category);
    }
  }
}

export function emojiFor(name) {
  return EMOJI.get(name) || `:${name}:`;
}

// Spaces, dashes and underscores do not matter when searching: "heart eyes" finds heart_eyes.
const squash = (text) => text.toLowerCase().replace(/[\s_-]+/g, '');

/// `names` (the server's list) that match `term`, grouped by category in the pickers' order:
/// [{ category, names }], empty groups left out. A name matches when it contains the term, or
/// when the term is the emoji itself.
export function groupNames(names, term = '') {
  const wanted = squash(term);
  const rank = new Map([...EMOJI.keys()].map((name, i) => [name, i]));
  const groups = new Map([...CATEGORIES, 'Other'].map((c) => [c, []]));
  for (const name of names) {
    if (wanted && !squash(name).includes(wanted) && EMOJI.get(name) !== term.trim()) continue;
    groups.get(CATEGORY.get(name) || 'Other').push(name);
  }
  const order = (a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || (a < b ? -1 : 1);
  return [...groups].filter(([, list]) => list.length).map(([category, list]) => ({ category, names: list.sort(order) }));
}
